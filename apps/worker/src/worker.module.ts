import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig, QUEUE_PREFIX, RedisModule } from '@app/common';
import { ConversionStore } from '@app/conversions';
import { DatabaseModule } from '@app/db';
import { EventsModule } from '@app/events';
import { HostResolver, SelfLoopCheck } from '@app/links';
import { AlertsWorkerModule } from './alerts/alerts-worker.module.js';
import { CaptureProcessor } from './capture/capture.processor.js';
import { LinkImporter } from './imports/link-importer.service.js';
import { JobsModule } from './jobs/jobs.module.js';
import { ConversionProcessor } from './conversions/conversion.processor.js';
import { MaintenanceProcessor, MaintenanceScheduler } from './maintenance/maintenance.jobs.js';
import { ReportsWorkerModule } from './reports/reports-worker.module.js';
import { RollupModule } from './rollup/rollup.module.js';
import { WebhooksWorkerModule } from './webhooks/webhooks-worker.module.js';
import { WebhooksModule } from '@app/webhooks';

/** The worker: every queue's jobs (JobsModule finds their handlers), and the crons that enqueue the periodic ones. */
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
    JobsModule,
    RollupModule,
    AlertsWorkerModule,
    ReportsWorkerModule,
    WebhooksModule,
    WebhooksWorkerModule,
  ],
  providers: [
    CaptureProcessor,
    ConversionProcessor,
    ConversionStore,
    MaintenanceScheduler,
    MaintenanceProcessor,
    LinkImporter,
    SelfLoopCheck,
    HostResolver,
  ],
})
export class WorkerModule {}
