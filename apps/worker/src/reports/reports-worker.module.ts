import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AnalyticsService } from '@app/analytics';
import { QueueName } from '@app/common';
import { ReportRepository, ReportScheduleRepository } from '@app/reports';
import type { DataSource } from 'typeorm';
import { ReportMailing } from './report-mailing.service.js';
import { ReportRendering } from './report-rendering.service.js';
import { ReportCron, ReportsProcessor } from './reports.jobs.js';
import { ScheduleTick } from './schedule-tick.service.js';

/** Renders, emails, schedules and expires PDF reports (docs/reports.md). */
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reports })],
  providers: [
    { provide: AnalyticsService, inject: [getDataSourceToken()], useFactory: (db: DataSource) => new AnalyticsService(db) },
    { provide: ReportRepository, inject: [getDataSourceToken()], useFactory: (db: DataSource) => new ReportRepository(db) },
    {
      provide: ReportScheduleRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new ReportScheduleRepository(db),
    },
    ReportRendering,
    ReportMailing,
    ScheduleTick,
    ReportCron,
    ReportsProcessor,
  ],
  exports: [ScheduleTick, ReportCron],
})
export class ReportsWorkerModule {}
