import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import { cappedBackoff, QueueName } from '@app/common';
import type { Job, WorkerOptions } from 'bullmq';
import { JobHandlers } from './job-handlers.js';
import { deliveryBackoff } from '../webhooks/webhooks.jobs.js';

/**
 * The BullMQ worker of a queue, with that queue's concurrency and locks: it hands each job to the
 * handler of its kind (JobHandlers). What a job does lives in the services, not here.
 */
function queueWorker(queue: QueueName, options: Partial<Omit<WorkerOptions, 'connection'>> = {}): Type<WorkerHost> {
  @Processor(queue, options)
  class QueueWorker extends WorkerHost {
    constructor(@Inject(JobHandlers) private readonly handlers: JobHandlers) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return this.handlers.run(queue, job);
    }
  }
  Object.defineProperty(QueueWorker, 'name', { value: `QueueWorker(${queue})` });
  return QueueWorker;
}

export const QUEUE_WORKERS = [
  /**
   * Capture batches are never dropped: a batch that fails (PostgreSQL away) is retried until it
   * succeeds, and a worker killed mid-batch has its batch taken up again within ~15 s, however
   * often that happens.
   */
  queueWorker(QueueName.Capture, {
    concurrency: 4,
    settings: { backoffStrategy: cappedBackoff },
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  }),
  // conversions travel the capture path: the same guarantees
  queueWorker(QueueName.Conversions, {
    concurrency: 2,
    settings: { backoffStrategy: cappedBackoff },
    lockDuration: 10_000,
    stalledInterval: 5_000,
    maxStalledCount: Number.MAX_SAFE_INTEGER,
  }),
  queueWorker(QueueName.Rollup),
  queueWorker(QueueName.Alerts),
  queueWorker(QueueName.Webhooks, { concurrency: 8, settings: { backoffStrategy: deliveryBackoff } }),
  queueWorker(QueueName.Maintenance),
  queueWorker(QueueName.Reports, { concurrency: 2 }),
  // one import at a time: two imports naming the same slug are decided one after the other
  queueWorker(QueueName.Imports),
];
