import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AnalyticsService, EventExport } from '@app/analytics';
import type { DataSource } from 'typeorm';
import { AnalyticsController } from './analytics.controller.js';
import { LiveHub } from './live.hub.js';
import { LiveStreams } from './live.streams.js';

@Module({
  controllers: [AnalyticsController],
  providers: [
    { provide: AnalyticsService, inject: [getDataSourceToken()], useFactory: (db: DataSource) => new AnalyticsService(db) },
    {
      provide: EventExport,
      inject: [getDataSourceToken(), AnalyticsService],
      useFactory: (db: DataSource, analytics: AnalyticsService) => new EventExport(db, analytics),
    },
    LiveHub,
    LiveStreams,
  ],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
