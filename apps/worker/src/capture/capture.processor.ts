import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { cappedBackoff, type CaptureJobData, decodeCaptureBatch, liveChannel, QueueName, RedisService } from '@app/common';
import { HitPipeline, liveEventOf } from '@app/events';
import type { Job } from 'bullmq';

/**
 * Takes capture batches from Redis, enriches and stores them. A batch that fails (PostgreSQL
 * away) is retried until it succeeds; a batch delivered twice stores nothing the second time.
 */
@Processor(QueueName.Capture, {
  concurrency: 4,
  settings: { backoffStrategy: cappedBackoff },
  // a worker killed mid-batch: its batch is taken up again within ~15 s, however often that happens
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: Number.MAX_SAFE_INTEGER,
})
export class CaptureProcessor extends WorkerHost {
  private readonly logger = new Logger('Capture');

  constructor(
    private readonly pipeline: HitPipeline,
    private readonly redis: RedisService,
  ) {
    super();
  }

  async process(job: Job<CaptureJobData>): Promise<number> {
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
