import { Injectable, Logger } from '@nestjs/common';
import { ConversionBatchJob, type ConversionJobData, publishLive, RedisService } from '@app/common';
import { ConversionStore, liveEventOfConversion } from '@app/conversions';
import { conversionPayload, WebhookEvents } from '@app/webhooks';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

/**
 * Takes conversion batches from Redis, attributes and stores them, as the capture processor does
 * with clicks: a failed batch is retried until it succeeds; one delivered twice stores nothing more.
 * The leads and sales stored now go to the creators' webhooks.
 */
@Injectable()
export class ConversionProcessor {
  private readonly logger = new Logger('Conversions');

  constructor(
    private readonly store: ConversionStore,
    private readonly redis: RedisService,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** Returns how many conversions were stored now. */
  @OnJob(ConversionBatchJob)
  async process(job: Job<ConversionJobData>): Promise<number> {
    const stored = await this.store.store(job.data.conversions);
    // on the creator's live stream beside the clicks (the dashboard's test view)
    await publishLive(
      this.redis,
      stored.map((conversion) => ({ creatorId: conversion.creatorId, event: liveEventOfConversion(conversion) })),
    );
    for (const kind of ['lead', 'sale'] as const) {
      const events = stored.filter((conversion) => conversion.kind === kind);
      await this.webhooks.emitEach(
        kind,
        events.map((conversion) => ({ creatorId: conversion.creatorId, data: conversionPayload(conversion) })),
      );
    }
    if (job.attemptsMade > 0) this.logger.log(`batch ${job.id} stored after ${job.attemptsMade} retries`);
    return stored.length;
  }
}
