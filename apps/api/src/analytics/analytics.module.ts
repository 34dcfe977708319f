import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { AnalyticsController } from './analytics.controller.js';
import { LiveHub } from './live.hub.js';
import { LiveStreams } from './live.streams.js';

/** The analytics API: the numbers, the CSV export and the live stream. */
@Module({
  imports: [AnalyticsModule],
  controllers: [AnalyticsController],
  providers: [LiveHub, LiveStreams],
})
export class AnalyticsApiModule {}
