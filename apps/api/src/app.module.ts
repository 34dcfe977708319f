import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { RedisModule } from '@app/common';
import { DatabaseModule } from '@app/db';
import { AlertsApiModule } from './alerts/alerts.module.js';
import { AnalyticsApiModule } from './analytics/analytics.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CaptureModule } from './capture/capture.module.js';
import { ConversionsModule } from './conversions/conversions.module.js';
import { HealthModule } from './health/health.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { JourneysModule } from './journeys/journeys.module.js';
import { HttpExceptionFilter } from './http/http-exception.filter.js';
import { LinksModule } from './links/links.module.js';
import { PagesModule } from './pages/pages.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { RedirectModule } from './redirect/redirect.module.js';
import { SharesModule } from './shares/shares.module.js';
import { ReportsApiModule } from './reports/reports.module.js';
import { WebhooksApiModule } from './webhooks/webhooks.module.js';

/** Everything the API serves; the configuration comes from the caller (see api-app.factory.ts). */
@Module({
  imports: [
    RedisModule,
    DatabaseModule,
    HealthModule,
    CaptureModule,
    AuthModule,
    RedirectModule,
    LinksModule,
    ProfileModule,
    PagesModule,
    AnalyticsApiModule,
    ReportsApiModule,
    ConversionsModule,
    ImportsModule,
    SharesModule,
    JourneysModule,
    AlertsApiModule,
    WebhooksApiModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class AppModule {}
