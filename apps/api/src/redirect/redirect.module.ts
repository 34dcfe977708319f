import { Global, Module } from '@nestjs/common';
import { LinkCache } from './link-cache.service.js';
import { RedirectRoutes } from './redirect.routes.js';

@Global()
@Module({ providers: [LinkCache, RedirectRoutes], exports: [LinkCache] })
export class RedirectModule {}
