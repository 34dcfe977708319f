import { Injectable } from '@nestjs/common';
import type { HitKind } from '@app/common';
import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client';
import { RequestDurationHistogram } from './request-duration.histogram.js';

/**
 * Prometheus metrics of an API process (`GET /metrics`). What the request path counts is kept in
 * plain numbers and folded into prom-client when the metrics are scraped.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requestDuration = new RequestDurationHistogram();

  private readonly unreported = { captured: { click: 0, view: 0 }, flooded: { click: 0, view: 0 } };

  private readonly hitsCaptured: Counter<'kind'> = new Counter({
    name: 'linkpulse_hits_captured_total',
    help: 'Clicks and profile views captured on the request path (bots included)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    collect: (): void => this.fold(this.hitsCaptured, this.unreported.captured),
  });

  private readonly hitsFlooded: Counter<'kind'> = new Counter({
    name: 'linkpulse_hits_flood_total',
    help: 'Captured hits over the per-address limit (CLICK_FLOOD_LIMIT), to be counted as bots',
    labelNames: ['kind'] as const,
    registers: [this.registry],
    collect: (): void => this.fold(this.hitsFlooded, this.unreported.flooded),
  });

  readonly hitsSpooled = new Counter({
    name: 'linkpulse_hits_spooled_total',
    help: 'Captured hits written to the local spool because Redis could not take them',
    registers: [this.registry],
  });

  readonly conversionsCaptured = new Counter({
    name: 'linkpulse_conversions_captured_total',
    help: 'Leads and sales accepted by the tracking API',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly conversionsSpooled = new Counter({
    name: 'linkpulse_conversions_spooled_total',
    help: 'Accepted conversions written to the local spool because Redis could not take them',
    registers: [this.registry],
  });

  readonly queueWaiting = new Gauge({
    name: 'linkpulse_capture_queue_waiting',
    help: 'Capture batches waiting for a worker',
    registers: [this.registry],
  });

  readonly queueLag = new Gauge({
    name: 'linkpulse_capture_queue_lag_seconds',
    help: 'Age of the oldest capture batch waiting for a worker',
    registers: [this.registry],
  });

  readonly spoolBytes = new Gauge({
    name: 'linkpulse_spool_bytes',
    help: 'Bytes of captured hits and conversions waiting in the local spool',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'linkpulse_' });
    // not a prom-client class, but it answers get() as they do, which is all the Registry reads
    this.registry.registerMetric(this.requestDuration as unknown as Metric);
  }

  countCaptured(kind: HitKind, flood: boolean): void {
    this.unreported.captured[kind]++;
    if (flood) this.unreported.flooded[kind]++;
  }

  private fold(counter: Counter<'kind'>, counts: Record<HitKind, number>): void {
    for (const kind of ['click', 'view'] as const) {
      if (counts[kind] > 0) counter.inc({ kind }, counts[kind]);
      counts[kind] = 0;
    }
  }
}
