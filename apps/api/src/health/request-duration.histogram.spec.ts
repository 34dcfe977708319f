import { describe, expect, it } from '@jest/globals';
import { Registry, type Metric } from 'prom-client';
import { RequestDurationHistogram } from './request-duration.histogram.js';

describe('RequestDurationHistogram', () => {
  it('is scraped as a Prometheus histogram: cumulative buckets, sum and count per route and status', async () => {
    const histogram = new RequestDurationHistogram();
    const registry = new Registry();
    registry.registerMetric(histogram as unknown as Metric);
    const redirects = histogram.seriesOf('redirect', 302);
    for (const seconds of [0.0001, 0.0005, 0.0007, 0.02, 3]) redirects.observe(seconds);
    histogram.observe('api', 200, 0.004);

    const text = await registry.metrics();
    const line = (labels: string): number =>
      Number(new RegExp(`^linkpulse_http_request_duration_seconds_${labels} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(text).toContain('# TYPE linkpulse_http_request_duration_seconds histogram');
    expect(line('bucket{le="0.0005",route="redirect",status="302"}')).toBe(2);
    expect(line('bucket{le="0.001",route="redirect",status="302"}')).toBe(3);
    expect(line('bucket{le="0.025",route="redirect",status="302"}')).toBe(4);
    expect(line('bucket{le="2.5",route="redirect",status="302"}')).toBe(4);
    expect(line('bucket{le="\\+Inf",route="redirect",status="302"}')).toBe(5);
    expect(line('count{route="redirect",status="302"}')).toBe(5);
    expect(line('sum{route="redirect",status="302"}')).toBeCloseTo(3.0213, 6);
    expect(line('bucket{le="0.005",route="api",status="200"}')).toBe(1);
    expect(line('bucket{le="0.0025",route="api",status="200"}')).toBe(0);
  });
});
