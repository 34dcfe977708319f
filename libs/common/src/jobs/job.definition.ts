import type { Job, JobsOptions, Queue } from 'bullmq';
import type { QueueName } from '../queues.js';

/**
 * A kind of job is a class: its name (the class's own, so a rename leaves no string behind) is the
 * BullMQ job name, its static `queue` the queue it runs on, and `data` (declared, never set) the
 * type of its payload. The worker runs it through the one method marked `@OnJob(ThatClass)`.
 */
export interface JobDefinition<Data = unknown> {
  readonly name: string;
  readonly queue: QueueName;
  /**
   * The name this kind of job had before jobs were named after their class. Jobs still queued
   * under it by an older release are run all the same, and the ids built from it are unchanged,
   * so a period's job enqueued before and after an upgrade is still one job.
   */
  readonly formerName: string;
  readonly prototype: { readonly data: Data };
}

export type JobData<J extends JobDefinition> = J['prototype']['data'];

/** Adds a job of this kind to its queue (the queue handed in must be that queue). */
export function addJob<Data>(queue: Queue, job: JobDefinition<Data>, data: Data, options: JobsOptions): Promise<Job> {
  if (queue.name !== job.queue) throw new Error(`${job.name} runs on the ${job.queue} queue, not on ${queue.name}`);
  return queue.add(job.name, data, options);
}
