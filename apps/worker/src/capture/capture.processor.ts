import { Injectable, Logger } from '@nestjs/common';
import { CaptureBatchJob, type CaptureJobData, decodeCaptureBatch, liveChannel, RedisService } from '@app/common';
import { HitPipeline, liveEventOf } from '@app/events';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

/**
 * Takes capture batches from Redis, enriches and stores them. A batch that fails (PostgreSQL
 * away) is retried until it succeeds (the capture queue's worker, jobs/queue.workers.ts); a batch
 * delivered twice stores nothing the second time.
 */
@Injectable()
export class CaptureProcessor {
  private readonly logger = new Logger('Capture');

  constructor(
    private readonly pipeline: HitPipeline,
    private readonly redis: RedisService,
  ) {}

  /** Returns how many hits were stored now. */
  @OnJob(CaptureBatchJob)
  async store(job: Job<CaptureJobData>): Promise<number> {
    const stored = await this.pipeline.process(decodeCaptureBatch(job.data));
    await this.publishLive(stored.filter((hit) => !hit.isBot).map((hit) => [hit.creatorId, liveEventOf(hit)] as const));
    if (job.attemptsMade > 0) this.logger.log(`batch ${job.id} stored after ${job.attemptsMade} retries`);
    return stored.length;
  }

  private async publishLive(events: (readonly [string, unknown])[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const [creatorId, event] of events) pipeline.publish(liveChannel(creatorId), JSON.stringify(event));
    // the live stream is best effort; the stored events are what counts
    await pipeline.exec().catch(() => undefined);
  }
}
