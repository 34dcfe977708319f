import { Global, Module } from '@nestjs/common';
import { HitCapture } from './hit-capture.service.js';

@Global()
@Module({ providers: [HitCapture], exports: [HitCapture] })
export class CaptureModule {}
