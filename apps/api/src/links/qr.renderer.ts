import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { HttpException, HttpStatus, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LruCache } from '@app/enrichment';
import { QR_OPTIONS, type QrFormat, renderQr } from './link-qr.js';

/** PNGs kept, most recently used first: ~20 kB each at the largest size. */
const CACHED_PNGS = 500;
/** renders waiting for the worker at most; more answer 503 at once rather than queue for minutes */
const MAX_WAITING = 16;

/*
 * The worker: CommonJS run from this string (works from the TypeScript sources under test and from
 * the build alike), with qrcode's path handed over, since the worker cannot resolve it from here.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const QRCode = require(workerData.qrcode);
// the lowest priority, for this thread alone on Linux (setpriority on the calling thread's id):
// on a busy machine the event loop, which answers redirects, is served first
try { require('node:os').setPriority(19); } catch {}
parentPort.on('message', ({ id, payload, options }) => {
  QRCode.toBuffer(payload, options).then(
    (png) => parentPort.postMessage({ id, png }),
    (error) => parentPort.postMessage({ id, error: String(error && error.message) }),
  );
});`;

interface Pending {
  resolve(png: Buffer): void;
  reject(error: Error): void;
}

/**
 * QR codes off the event loop. A PNG takes ~0.3 s to draw at 512 px and ~1 s at 2048 px of pure
 * JavaScript: on the API's event loop five at once held every redirect for 2 s. PNGs are drawn in
 * one worker thread at the lowest CPU priority (one core at most, whatever creators ask, and the
 * event loop first when cores are scarce), the same code and size answered from
 * an LRU cache, and no more than 16 wait for the worker (then 503). SVGs are text of a few
 * kilobytes, drawn in about a millisecond: they stay on the event loop.
 */
@Injectable()
export class QrRenderer implements OnApplicationShutdown {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private readonly cache = new LruCache<string, Buffer>(CACHED_PNGS);

  /** Whether `render` would draw (a PNG not in the cache): such renders count against the creator's quota. */
  wouldDraw(payload: string, format: QrFormat, size: number): boolean {
    return format === 'png' && this.cache.get(`${size} ${payload}`) === undefined;
  }

  async render(payload: string, format: QrFormat, size: number): Promise<string | Buffer> {
    if (format === 'svg') return renderQr(payload, 'svg', size);
    const key = `${size} ${payload}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.pending.size >= MAX_WAITING) {
      throw new HttpException(
        'Too many QR codes are being drawn right now; try again in a moment',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const png = await this.inWorker(payload, size);
    this.cache.set(key, png);
    return png;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private inWorker(payload: string, size: number): Promise<Buffer> {
    const id = this.nextId++;
    const worker = this.started();
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, payload, options: { ...QR_OPTIONS, type: 'png', width: size } });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { qrcode: createRequire(import.meta.url).resolve('qrcode') },
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    worker.unref();
    worker.on('message', ({ id, png, error }: { id: number; png?: Uint8Array; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (!waiting) return;
      if (png) waiting.resolve(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
      else waiting.reject(new Error(`QR code not drawn: ${error}`));
    });
    // a worker that dies fails what it had; the next render starts a new one
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`QR worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
