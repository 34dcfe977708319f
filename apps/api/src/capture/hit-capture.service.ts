import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  AppConfig,
  CaptureBatchBuilder,
  CaptureBatchJob,
  type CapturedHitArgs,
  type CaptureJobData,
  captureJobOptions,
  JobQueues,
  RedisService,
  uuidV7,
} from '@app/common';
import { MetricsService } from '../health/metrics.service.js';
import { ClickFloodDetector, FLOOD_WINDOW_MS } from './click-flood.detector.js';
import { HitSpool } from './hit-spool.js';

const MAX_BATCH = 250;
const MAX_DELAY_MS = 10;
const REPLAY_EVERY_MS = 1000;
const SEND_TIMEOUT_MS = 2000;

/**
 * Takes captured hits off the redirect path. A hit is a row appended to the batch being filled
 * (already in its wire format, no object per hit); a batch waits at most 10 ms and goes to
 * Redis as one BullMQ job (one round trip instead of one per click); the response never
 * waits on it. When Redis cannot take a batch, the batch goes to the spool file and is replayed
 * when Redis is back. A client over CLICK_FLOOD_LIMIT hits a minute on one link (or page) has
 * its hits marked as a flood, counted as bots by the worker (click-flood.detector.ts).
 */
@Injectable()
export class HitCapture implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Capture');
  private readonly spool: HitSpool;
  private readonly floods: ClickFloodDetector;
  private floodSweepTimer: NodeJS.Timeout | null = null;
  private batch = new CaptureBatchBuilder();
  private flushTimer: NodeJS.Timeout | null = null;
  private replayTimer: NodeJS.Timeout | null = null;
  private replaying = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    config: AppConfig,
    private readonly redis: RedisService,
    private readonly jobs: JobQueues,
    private readonly metrics: MetricsService,
  ) {
    this.spool = new HitSpool(config.spoolDir);
    this.floods = new ClickFloodDetector(config.clickFloodLimit);
    // Nest does not order shutdown hooks across modules: Redis waits for the last batch
    redis.beforeClose(() => this.drain());
  }

  onModuleInit(): void {
    this.replayTimer = setInterval(() => void this.replaySpool(), REPLAY_EVERY_MS);
    this.replayTimer.unref();
    this.floodSweepTimer = setInterval(() => this.floods.sweep(), FLOOD_WINDOW_MS);
    this.floodSweepTimer.unref();
  }

  /**
   * Buffers one hit. `id` and `at` are the caller's (the redirect puts the id in a conversion-tracked
   * Location); `headers` is the request's own header object, `query` its raw query without '?'.
   */
  capture(...hit: CapturedHitArgs): void {
    const [, at, kind, creatorId, linkId, , ip] = hit;
    const flood = this.floods.isFlood(ip, linkId ?? creatorId, at);
    this.batch.add(flood, ...hit);
    this.metrics.countCaptured(kind, flood);
    if (this.batch.size >= MAX_BATCH) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), MAX_DELAY_MS);
  }

  /** Hands the buffered hits to Redis (or the spool); resolves when they are safe. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.batch.size === 0) return Promise.resolve();
    const batch = this.batch.toJobData(uuidV7());
    this.batch = new CaptureBatchBuilder();
    const sending = this.send(batch).catch(() => this.toSpool(batch));
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
    return sending;
  }

  spoolSize(): number {
    return this.spool.size();
  }

  async replaySpool(): Promise<number> {
    if (this.replaying || this.redis.client.status !== 'ready' || this.spool.size() === 0) return 0;
    this.replaying = true;
    try {
      const sent = await this.spool.replay((batch) => this.send(batch));
      if (sent) this.logger.log(`replayed ${sent} spooled batch(es) to Redis`);
      return sent;
    } catch {
      return 0; // Redis is still away; the claimed file stays and is retried
    } finally {
      this.replaying = false;
    }
  }

  /** Graceful shutdown: everything captured is in Redis or in the spool before the process exits. */
  onApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  private async drain(): Promise<void> {
    if (this.replayTimer) clearInterval(this.replayTimer);
    if (this.floodSweepTimer) clearInterval(this.floodSweepTimer);
    await this.flush();
    await Promise.all(this.inFlight);
  }

  /**
   * Hands one batch to Redis. A command caught by a dying connection can stay pending inside the
   * client indefinitely, so the batch is given up after SEND_TIMEOUT_MS and spooled; if the add
   * still lands later, the duplicate is harmless (same job id, and storage is idempotent).
   */
  private async send(batch: CaptureJobData): Promise<void> {
    const adding = this.jobs.add(CaptureBatchJob, batch, captureJobOptions(batch.batchId));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not take the batch in time')), SEND_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
      adding.catch(() => undefined);
    }
  }

  private toSpool(batch: CaptureJobData): void {
    this.spool.append(batch);
    this.metrics.hitsSpooled.inc(batch.hits.length);
  }
}
