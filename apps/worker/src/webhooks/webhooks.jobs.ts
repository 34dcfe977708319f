import { Injectable } from '@nestjs/common';
import { DeliverWebhookJob, type JobData } from '@app/common';
import { type AttemptOutcome, WebhookSender } from '@app/webhooks';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

/** Backoff of a failing delivery: 30 s, doubling, at most an hour between attempts. */
export function deliveryBackoff(attemptsMade: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attemptsMade - 1), 3_600_000);
}

/** Sends webhook deliveries; a failed attempt is thrown back to the queue, which retries it with deliveryBackoff. */
@Injectable()
export class WebhooksProcessor {
  constructor(private readonly sender: WebhookSender) {}

  @OnJob(DeliverWebhookJob)
  async deliver(job: Job<JobData<typeof DeliverWebhookJob>>): Promise<AttemptOutcome> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await this.sender.send(job.data.creatorId, job.data.deliveryId, lastAttempt);
    if (outcome === 'retry') throw new Error('the receiver did not take the delivery; it is retried');
    return outcome;
  }
}
