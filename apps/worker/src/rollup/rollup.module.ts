import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@app/analytics';
import { QueueName } from '@app/common';
import { RollupProcessor, RollupScheduler } from './rollup.jobs.js';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Rollup }), AnalyticsModule],
  providers: [RollupScheduler, RollupProcessor],
})
export class RollupModule {}
