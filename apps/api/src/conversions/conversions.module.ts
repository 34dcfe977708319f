import { Module } from '@nestjs/common';
import { ConversionCapture } from './conversion-capture.service.js';
import { LpScriptController } from './lp-script.controller.js';
import { PublishableKeysController } from './publishable-keys.controller.js';
import { PublishableKeysRepository } from './publishable-keys.repository.js';
import { PublishableKeysService } from './publishable-keys.service.js';
import { TrackController } from './track.controller.js';
import { TrackCors } from './track.cors.js';
import { TrackGuard } from './track.guard.js';
import { TrackService } from './track.service.js';

/** Conversions (SPEC section 8): the tracking API, publishable keys and /lp.js. */
@Module({
  controllers: [TrackController, PublishableKeysController, LpScriptController],
  providers: [ConversionCapture, TrackService, TrackGuard, TrackCors, PublishableKeysRepository, PublishableKeysService],
})
export class ConversionsModule {}
