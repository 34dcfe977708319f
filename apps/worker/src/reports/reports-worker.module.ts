import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { QueueName } from '@app/common';
import { ReportsModule } from '@app/reports';
import { ReportMailing } from './report-mailing.service.js';
import { ReportRendering } from './report-rendering.service.js';
import { ReportCron, ReportsProcessor } from './reports.jobs.js';
import { ScheduleTick } from './schedule-tick.service.js';

/** Renders, emails, schedules and expires PDF reports (docs/reports.md). */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reports }), AnalyticsModule, ReportsModule],
  providers: [ReportRendering, ReportMailing, ScheduleTick, ReportCron, ReportsProcessor],
  exports: [ScheduleTick, ReportCron],
})
export class ReportsWorkerModule {}
