import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of an API process (`GET /metrics`). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'linkpulse_http_request_duration_seconds',
    help: 'HTTP request latency by route kind',
    labelNames: ['route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly hitsCaptured = new Counter({
    name: 'linkpulse_hits_captured_total',
    help: 'Clicks and profile views captured on the request path (bots included)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly hitsFlooded = new Counter({
    name: 'linkpulse_hits_flood_total',
    help: 'Captured hits over the per-address limit (CLICK_FLOOD_LIMIT), to be counted as bots',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly hitsSpooled = new Counter({
    name: 'linkpulse_hits_spooled_total',
    help: 'Captured hits written to the local spool because Redis could not take them',
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
    help: 'Bytes of captured hits waiting in the local spool',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'linkpulse_' });
  }
}
