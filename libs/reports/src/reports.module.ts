import { Module } from '@nestjs/common';
import { ReportScheduleRepository } from './report-schedule.repository.js';
import { ReportRepository } from './report.repository.js';

/** The reports and report_schedules tables, for the API (requests, schedules) and the worker (rendering, emailing). */
@Module({
  providers: [ReportRepository, ReportScheduleRepository],
  exports: [ReportRepository, ReportScheduleRepository],
})
export class ReportsModule {}
