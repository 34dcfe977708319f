import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ReportRepository, ReportScheduleRepository } from '@app/reports';
import type { DataSource } from 'typeorm';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { ReportSchedulesController } from './report-schedules.controller.js';
import { ReportSchedulesService } from './report-schedules.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService, ReportTargets } from './reports.service.js';

@Module({
  imports: [AnalyticsModule],
  controllers: [ReportsController, ReportSchedulesController],
  providers: [
    { provide: ReportRepository, inject: [getDataSourceToken()], useFactory: (db: DataSource) => new ReportRepository(db) },
    {
      provide: ReportScheduleRepository,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new ReportScheduleRepository(db),
    },
    ReportTargets,
    ReportsService,
    ReportSchedulesService,
  ],
})
export class ReportsModule {}
