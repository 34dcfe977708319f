import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { ACCOUNT, ensureSeeded } from './queries.bench.js';
import type { BenchResult } from './support/bench-result.js';
import { markdownTable, openTimedApi } from './support/timed-api.js';

const RANGES = [30, 365];
const WARMUP = 2;
const RUNS = Number(process.env.BENCH_JOURNEY_RUNS || 20);
const DAY = 86_400_000;

/** What the dashboard's Journeys page and overview ask. */
const ENDPOINTS: { name: string; path: string; params: Record<string, string> }[] = [
  // the baseline of the same run: an endpoint read from rollups, whose quiet-machine figure is known
  { name: 'baseline: overview', path: 'overview', params: {} },
  { name: 'journeys, first page', path: 'journeys', params: { limit: '20' } },
  { name: 'paths', path: 'paths', params: { limit: '10' } },
  { name: 'segments', path: 'segments', params: {} },
  { name: 'segments compare=previous by=source', path: 'segments', params: { compare: 'previous', by: 'source' } },
];

/**
 * p50/p95 of journeys, paths and segments over HTTP for the 30 and 365 days that end with the
 * seeded data (the queries bench's creator), in the creator's zone: each is read from raw events.
 */
export async function runJourneysBench(): Promise<BenchResult[]> {
  const { end } = await ensureSeeded();
  const api = await openTimedApi(ACCOUNT);
  try {
    const to = new Date(Math.ceil(end / DAY) * DAY).toISOString();
    const results: BenchResult[] = [];
    const rows: string[][] = [];
    for (const days of RANGES) {
      const from = new Date(Date.parse(to) - days * DAY).toISOString();
      for (const endpoint of ENDPOINTS) {
        const query = new URLSearchParams({ from, to, tz: ACCOUNT.timezone, ...endpoint.params });
        const [p50, p95] = await api.percentiles(`/api/v1/analytics/${endpoint.path}?${query}`, WARMUP, RUNS);
        for (const [name, value] of [
          ['p50', p50],
          ['p95', p95],
        ] as const)
          results.push({
            bench: 'journeys',
            metric: `${endpoint.name}, ${days} days, ${name}`,
            value: Math.round(value * 10) / 10,
            unit: 'ms',
          });
        const goal = days > 30 || endpoint.path === 'overview' ? '–' : p95 < 100 ? 'yes' : 'NO';
        rows.push([endpoint.name, `${days} d`, p50.toFixed(1), p95.toFixed(1), goal]);
      }
    }
    const customers = await api.percentiles('/api/v1/customers?limit=20', WARMUP, RUNS);
    rows.push(['customers, first page', '–', customers[0].toFixed(1), customers[1].toFixed(1), '–']);
    results.push({
      bench: 'journeys',
      metric: 'customers, first page, p95',
      value: Math.round(customers[1] * 10) / 10,
      unit: 'ms',
    });
    console.log(markdownTable(['endpoint', 'range', 'p50 ms', 'p95 ms', 'p95 < 100 ms (30 d)'], rows));
    return results;
  } finally {
    await api.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runJourneysBench().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
