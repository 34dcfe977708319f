import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { ReportsModule } from '@app/reports';
import { ReportSchedulesController } from './report-schedules.controller.js';
import { ReportSchedulesService } from './report-schedules.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService, ReportTargets } from './reports.service.js';

/** The reports API: on-demand reports and report schedules; the worker renders and emails them. */
@Module({
  imports: [AnalyticsModule, ReportsModule],
  controllers: [ReportsController, ReportSchedulesController],
  providers: [ReportTargets, ReportsService, ReportSchedulesService],
})
export class ReportsApiModule {}
