import { Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { AnalyticsRepository } from './analytics.repository.js';
import { AnalyticsService } from './analytics.service.js';
import { ConversionAnalyticsRepository } from './conversion-analytics.repository.js';
import { EventExport } from './event-export.js';
import { HourlySeriesRepository } from './hourly-series.repository.js';
import { ROLLUP_OPTIONS, type RollupOptions, RollupService } from './rollup.service.js';

/**
 * The numbers: questions answered from rollups and raw events (AnalyticsService), the CSV export,
 * and the rollup job's work. Needs the global DatabaseModule and ConfigModule.
 */
@Module({
  providers: [
    AnalyticsRepository,
    ConversionAnalyticsRepository,
    AnalyticsService,
    EventExport,
    HourlySeriesRepository,
    RollupService,
    {
      provide: ROLLUP_OPTIONS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RollupOptions => ({ rawRetentionDays: config.rawRetentionDays }),
    },
  ],
  exports: [
    AnalyticsRepository,
    ConversionAnalyticsRepository,
    AnalyticsService,
    EventExport,
    HourlySeriesRepository,
    RollupService,
  ],
})
export class AnalyticsModule {}
