import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { RollupProcessor, RollupScheduler } from './rollup.jobs.js';

@Module({
  imports: [AnalyticsModule],
  providers: [RollupScheduler, RollupProcessor],
})
export class RollupModule {}
