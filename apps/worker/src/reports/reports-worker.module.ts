import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { ReportsModule } from '@app/reports';
import { WebhooksModule } from '@app/webhooks';
import { ReportMailing } from './report-mailing.service.js';
import { ReportRendering } from './report-rendering.service.js';
import { ReportCron, ReportRetention } from './reports.jobs.js';
import { ScheduleTick } from './schedule-tick.service.js';

/** Renders, emails, schedules and expires PDF reports (docs/reports.md). */
@Module({
  imports: [AnalyticsModule, ReportsModule, WebhooksModule],
  providers: [ReportRendering, ReportMailing, ScheduleTick, ReportCron, ReportRetention],
  exports: [ScheduleTick, ReportCron],
})
export class ReportsWorkerModule {}
