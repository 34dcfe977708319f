import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  AppConfig,
  CaptureBatchBuilder,
  CaptureBatchJob,
  type CapturedHitArgs,
  type CaptureJobData,
  JobQueues,
  RedisService,
} from '@app/common';
import { MetricsService } from '../health/metrics.service.js';
import { BatchCapture } from './batch-capture.js';
import { ClickFloodDetector, FLOOD_WINDOW_MS } from './click-flood.detector.js';

/**
 * Takes captured hits off the redirect path. A hit is a row appended to the batch being filled
 * (already in its wire format, no object per hit); batches go to Redis, or the spool, as
 * batch-capture.ts says. A client over CLICK_FLOOD_LIMIT hits a minute on one link (or page) has
 * its hits marked as a flood, counted as bots by the worker (click-flood.detector.ts).
 */
@Injectable()
export class HitCapture implements OnModuleInit, OnApplicationShutdown {
  private readonly batches: BatchCapture<CaptureBatchBuilder, CaptureJobData>;
  private readonly floods: ClickFloodDetector;
  private floodSweepTimer: NodeJS.Timeout | null = null;

  constructor(
    config: AppConfig,
    redis: RedisService,
    jobs: JobQueues,
    private readonly metrics: MetricsService,
  ) {
    this.batches = new BatchCapture(
      {
        job: CaptureBatchJob,
        spool: 'spool',
        newBatch: () => new CaptureBatchBuilder(),
        count: (batch) => batch.hits.length,
      },
      redis,
      jobs,
      config.spoolDir,
      (items) => metrics.hitsSpooled.inc(items),
    );
    this.floods = new ClickFloodDetector(config.clickFloodLimit);
  }

  onModuleInit(): void {
    this.batches.start();
    this.floodSweepTimer = setInterval(() => this.floods.sweep(), FLOOD_WINDOW_MS);
    this.floodSweepTimer.unref();
  }

  /**
   * Buffers one hit. `id` and `at` are the caller's (the redirect puts the id in a conversion-tracked
   * Location); `headers` is the request's own header object, `query` its raw query without '?'.
   */
  capture(...hit: CapturedHitArgs): void {
    const [, at, kind, creatorId, linkId, , ip, , headers] = hit;
    const flood = this.floods.isFlood(ip, headers['user-agent'] ?? '', linkId ?? creatorId, at);
    this.batches.batch.add(flood, ...hit);
    this.metrics.countCaptured(kind, flood);
    this.batches.added();
  }

  /** Graceful shutdown: everything captured is in Redis or in the spool before the process exits. */
  onApplicationShutdown(): Promise<void> {
    if (this.floodSweepTimer) clearInterval(this.floodSweepTimer);
    return this.batches.drain();
  }
}
