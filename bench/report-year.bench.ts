import { pathToFileURL } from 'node:url';
import { AnalyticsService } from '@app/analytics';
import { loadConfig } from '@app/common';
import { buildReportData, renderReport } from '@app/reports';
import pg from 'pg';
import { createApiApp } from '../apps/api/src/http/api-app.factory.js';
import type { BenchResult } from './support/bench-result.js';
import { BENCH_QUERIES_ACCOUNT } from './support/bench-account.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from './support/services.js';
import { median } from './support/percentiles.js';

const DAY = 86_400_000;
const RUNS = 3;

/**
 * A 12-month report of the creator the queries benchmark seeded (10 M clicks over a year), as the
 * report worker makes it: the analytics service's numbers, then the PDF. Median of a few runs.
 */
export async function runReportYearBench(): Promise<BenchResult[]> {
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query(
    `SELECT c.id, c.username, (SELECT max(occurred_at) FROM events e WHERE e.creator_id = c.id) AS last FROM creators c WHERE c.email = $1`,
    [BENCH_QUERIES_ACCOUNT.email],
  );
  await db.end();
  if (!rows[0]?.last) throw new Error('the seeded benchmark creator is missing: run `npm run bench -- queries` first');
  const app = await createApiApp(loadConfig({ ...process.env, DATABASE_URL: BENCH_DATABASE_URL, REDIS_URL: BENCH_REDIS_URL }), {
    logger: false,
  });
  try {
    const analytics = app.get(AnalyticsService);
    const to = Math.ceil(rows[0].last.getTime() / DAY) * DAY;
    const request = { creatorId: rows[0].id, from: to - 365 * DAY, to, tz: BENCH_QUERIES_ACCOUNT.timezone, linkId: null };
    const subject = { creator: { username: rows[0].username }, link: null };
    const query: number[] = [];
    const total: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const data = await buildReportData(analytics, request, subject, { publicUrl: 'https://lnk.example.com' });
      const queried = performance.now();
      await renderReport(data);
      query.push((queried - started) / 1000);
      total.push((performance.now() - started) / 1000);
    }
    return [
      {
        bench: 'report',
        metric: '12-month report over 10 M clicks: queries + PDF',
        value: Math.round(median(total) * 1000) / 1000,
        unit: 's',
        note: `queries ${median(query).toFixed(3)} s`,
      },
    ];
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runReportYearBench());
  process.exit(0);
}
