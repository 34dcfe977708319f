import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig, QUEUE_PREFIX, QueueName, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/db';
import { EventsModule } from '@app/events';
import { CaptureProcessor } from './capture/capture.processor.js';
import { MaintenanceProcessor, MaintenanceScheduler } from './maintenance/maintenance.jobs.js';
import { ReportsWorkerModule } from './reports/reports-worker.module.js';
import { RollupModule } from './rollup/rollup.module.js';

@Module({
  imports: [
    RedisModule,
    DatabaseModule,
    EventsModule,
    ScheduleModule.forRoot(),
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue({ name: QueueName.Capture }, { name: QueueName.Maintenance }),
    RollupModule,
    ReportsWorkerModule,
  ],
  providers: [CaptureProcessor, MaintenanceScheduler, MaintenanceProcessor],
})
export class WorkerModule {}
