import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/db';
import { AuthModule } from './auth/auth.module.js';
import { CaptureModule } from './capture/capture.module.js';
import { HealthModule } from './health/health.module.js';
import { HttpExceptionFilter } from './http/http-exception.filter.js';
import { RedirectModule } from './redirect/redirect.module.js';

@Module({
  imports: [ConfigModule, RedisModule, DatabaseModule, HealthModule, CaptureModule, AuthModule, RedirectModule],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class AppModule {}
