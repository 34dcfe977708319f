import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ALL_JOBS, QueueName } from '@app/common';
import { JOB_DEFINITIONS, JobHandlers } from './job-handlers.js';
import { QUEUE_WORKERS } from './queue.workers.js';

const QUEUES = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

/** Every queue (for @InjectQueue anywhere in the worker), its BullMQ worker, and the job handlers found at start. */
@Global()
@Module({
  imports: [DiscoveryModule, QUEUES],
  providers: [JobHandlers, { provide: JOB_DEFINITIONS, useValue: ALL_JOBS }, ...QUEUE_WORKERS],
  exports: [QUEUES],
})
export class JobsModule {}
