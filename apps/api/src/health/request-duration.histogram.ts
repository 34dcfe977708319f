const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** One (route kind, status) series: a count per bucket, in plain numbers. */
export class DurationSeries {
  /** counts[i]: observations ≤ BUCKETS[i] and above the bucket before; the last slot is +Inf */
  readonly counts = new Float64Array(BUCKETS.length + 1);
  sum = 0;

  constructor(
    readonly route: string,
    readonly status: string,
  ) {}

  observe(seconds: number): void {
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) bucket++;
    this.counts[bucket]++;
    this.sum += seconds;
  }
}

interface SampleLine {
  metricName: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * `linkpulse_http_request_duration_seconds`, the request latency histogram, kept in plain numbers:
 * observing is a bucket search and two additions (prom-client's Histogram builds a label hash per
 * observation), and prom-client reads the sums only when /metrics is scraped, through `get()`, the
 * protocol its Registry reads every metric by.
 */
export class RequestDurationHistogram {
  readonly name = 'linkpulse_http_request_duration_seconds';
  readonly help = 'HTTP request latency by route kind';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, DurationSeries>();

  /** The series of one route kind and status; the redirect keeps its own and observes it directly. */
  seriesOf(route: string, status: number): DurationSeries {
    const key = `${route} ${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = new DurationSeries(route, String(status));
      this.series.set(key, series);
    }
    return series;
  }

  observe(route: string, status: number, seconds: number): void {
    this.seriesOf(route, status).observe(seconds);
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: SampleLine[] } {
    const values: SampleLine[] = [];
    for (const { route, status, counts, sum } of this.series.values()) {
      let cumulative = 0;
      BUCKETS.forEach((le, bucket) => {
        cumulative += counts[bucket];
        values.push({ metricName: `${this.name}_bucket`, labels: { le: String(le), route, status }, value: cumulative });
      });
      cumulative += counts[BUCKETS.length];
      values.push({ metricName: `${this.name}_bucket`, labels: { le: '+Inf', route, status }, value: cumulative });
      values.push({ metricName: `${this.name}_sum`, labels: { route, status }, value: sum });
      values.push({ metricName: `${this.name}_count`, labels: { route, status }, value: cumulative });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
