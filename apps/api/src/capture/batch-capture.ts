import { Logger } from '@nestjs/common';
import { captureJobOptions, type JobDefinition, type JobQueues, type RedisService, uuidV7 } from '@app/common';
import { BatchSpool, type SpooledBatch } from './batch-spool.js';

const MAX_BATCH = 250;
const MAX_DELAY_MS = 10;
const REPLAY_EVERY_MS = 1000;
const SEND_TIMEOUT_MS = 2000;

/** A batch being filled, in the channel's own format. */
export interface BatchBuilder<B extends SpooledBatch> {
  /** items added so far */
  readonly size: number;
  toJobData(batchId: string): B;
}

/** What travels down one capture channel: its queue and job, its batches, its spool. */
export interface CaptureChannel<Builder extends BatchBuilder<B>, B extends SpooledBatch> {
  job: JobDefinition<B>;
  /** prefix of the channel's spool files */
  spool: string;
  newBatch(): Builder;
  /** items in a batch, for the spooled-items metric */
  count(batch: B): number;
}

/**
 * Takes captured items (clicks, views, conversions) off the request path. Items are buffered for
 * at most 10 ms and handed to Redis as one BullMQ job per batch (one round trip instead of one per
 * item); the request never waits on it. When Redis cannot take a batch, the batch goes to the spool
 * file and is replayed when Redis is back. A batch's job id is its batch id, and the worker stores
 * every item by its capture id, so a batch that arrives twice counts once.
 */
export class BatchCapture<Builder extends BatchBuilder<B>, B extends SpooledBatch> {
  private readonly logger: Logger;
  private readonly spool: BatchSpool<B>;
  private filling: Builder;
  private flushTimer: NodeJS.Timeout | null = null;
  private replayTimer: NodeJS.Timeout | null = null;
  private replaying = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly channel: CaptureChannel<Builder, B>,
    private readonly redis: RedisService,
    private readonly jobs: JobQueues,
    spoolDir: string,
    private readonly onSpooled: (items: number) => void = () => undefined,
  ) {
    this.logger = new Logger(`Capture:${channel.job.queue}`);
    this.spool = new BatchSpool<B>(spoolDir, channel.spool);
    this.filling = channel.newBatch();
    // Nest does not order shutdown hooks across modules: Redis waits for the last batch
    redis.beforeClose(() => this.drain());
  }

  /** Replays the spool every second from now on. */
  start(): void {
    this.replayTimer = setInterval(() => void this.replaySpool(), REPLAY_EVERY_MS);
    this.replayTimer.unref();
  }

  /** The batch being filled: add an item to it, then call `added()`. */
  get batch(): Builder {
    return this.filling;
  }

  /** Sends the batch when it is full, or within 10 ms. */
  added(): void {
    if (this.filling.size >= MAX_BATCH) void this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), MAX_DELAY_MS);
  }

  /** Hands the buffered items to Redis (or the spool); resolves when they are safe. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.filling.size === 0) return Promise.resolve();
    const batch = this.filling.toJobData(uuidV7());
    this.filling = this.channel.newBatch();
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
  async drain(): Promise<void> {
    if (this.replayTimer) clearInterval(this.replayTimer);
    await this.flush();
    await Promise.all(this.inFlight);
  }

  /**
   * Hands one batch to Redis. A command caught by a dying connection can stay pending inside the
   * client indefinitely, so the batch is given up after SEND_TIMEOUT_MS and spooled; if the add
   * still lands later, the duplicate is harmless (same job id, and storage is idempotent).
   */
  private async send(batch: B): Promise<void> {
    const adding = this.jobs.add(this.channel.job, batch, captureJobOptions(batch.batchId));
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

  private toSpool(batch: B): void {
    this.spool.append(batch);
    this.onSpooled(this.channel.count(batch));
  }
}
