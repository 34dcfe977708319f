import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig, QueueName } from '@app/common';
import { RollupService } from '@app/analytics';
import type { DataSource } from 'typeorm';
import { RollupProcessor, RollupScheduler } from './rollup.jobs.js';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Rollup })],
  providers: [
    {
      provide: RollupService,
      inject: [getDataSourceToken(), AppConfig],
      useFactory: (db: DataSource, config: AppConfig) => new RollupService(db, { rawRetentionDays: config.rawRetentionDays }),
    },
    RollupScheduler,
    RollupProcessor,
  ],
  exports: [RollupService],
})
export class RollupModule {}
