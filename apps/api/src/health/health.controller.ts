import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@app/common';
import { DatabaseHealth } from '@app/db';
import { spooledBytes } from '../capture/batch-spool.js';
import { MetricsService } from './metrics.service.js';
import { QueueStatusService } from './queue-status.service.js';

const CHECK_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
  @ApiProperty({ description: 'capture batches waiting for a worker', nullable: true, type: Number }) queueDepth: number | null;
  @ApiProperty({ description: 'seconds the oldest waiting batch has waited', nullable: true, type: Number }) queueLagSeconds:
    number | null;
  @ApiProperty({ description: 'bytes of captured hits and conversions in the local spool' }) spoolBytes: number;
}

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly queue: QueueStatusService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [database, queue] = await Promise.all([
      withTimeout(this.database.ping()).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(this.queue.status()).catch(() => null),
    ]);
    const redis = queue ? 'up' : 'down';
    const status = database === 'up' && redis === 'up' ? 'ok' : 'degraded';
    void reply.status(status === 'ok' ? 200 : 503).header('Cache-Control', 'no-store');
    return {
      status,
      database,
      redis,
      queueDepth: queue?.waiting ?? null,
      queueLagSeconds: queue?.lagSeconds ?? null,
      spoolBytes: spooledBytes(this.config.spoolDir),
    };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    const queue = await withTimeout(this.queue.status()).catch(() => null);
    if (queue) {
      this.metrics.queueWaiting.set(queue.waiting);
      this.metrics.queueLag.set(queue.lagSeconds);
    }
    this.metrics.spoolBytes.set(spooledBytes(this.config.spoolDir));
    return this.metrics.registry.metrics();
  }
}
