import { Global, Module } from '@nestjs/common';
import { LinkCache } from './link-cache.service.js';
import { RedirectHandler } from './redirect.handler.js';

@Global()
@Module({ providers: [LinkCache, RedirectHandler], exports: [LinkCache, RedirectHandler] })
export class RedirectModule {}
