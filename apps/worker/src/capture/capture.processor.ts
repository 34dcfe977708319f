import { Injectable, Logger } from '@nestjs/common';
import { CaptureBatchJob, type CaptureJobData, decodeCaptureBatch, publishLive, RedisService } from '@app/common';
import { HitPipeline, liveEventOf } from '@app/events';
import { clickBatches, WebhookEvents } from '@app/webhooks';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

/**
 * Takes capture batches from Redis, enriches and stores them. A batch that fails (PostgreSQL
 * away) is retried until it succeeds (the capture queue's worker, jobs/queue.workers.ts); a batch
 * delivered twice stores nothing the second time. The clicks stored now go to the creators' webhooks.
 */
@Injectable()
export class CaptureProcessor {
  private readonly logger = new Logger('Capture');

  constructor(
    private readonly pipeline: HitPipeline,
    private readonly redis: RedisService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** Returns how many hits were stored now. */
  @OnJob(CaptureBatchJob)
  async store(job: Job<CaptureJobData>): Promise<number> {
    const stored = await this.pipeline.process(decodeCaptureBatch(job.data));
    await publishLive(
      this.redis,
      stored.filter((hit) => !hit.isBot).map((hit) => ({ creatorId: hit.creatorId, event: liveEventOf(hit) })),
    );
    await this.webhooks.emitEach('click', clickBatches(stored));
    if (job.attemptsMade > 0) this.logger.log(`batch ${job.id} stored after ${job.attemptsMade} retries`);
    return stored.length;
  }
}
