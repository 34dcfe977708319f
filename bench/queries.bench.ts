import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { RollupService } from '@app/analytics';
import { dataSourceOptions, migrateDatabase } from '@app/db';
import { DataSource } from 'typeorm';
import pg from 'pg';
import { seed } from '../scripts/seed/seeder.js';
import { BENCH_DATABASE_URL } from './support/services.js';
import { markdownTable, openTimedApi } from './support/timed-api.js';

/** the 10 M-click year; BENCH_CLICKS seeds (or reuses) a smaller one in its own database */
const CLICKS = Number(process.env.BENCH_CLICKS || 10_000_000);
const DAYS = 365;
export const ACCOUNT = {
  email: 'bench-queries@linkpulse.local',
  username: 'bench_queries',
  password: 'bench-password',
  timezone: 'Europe/Berlin',
};
const RANGES = [7, 30, 365];
const WARMUP = 3;
const RUNS = 30;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** What is asked of each endpoint: the dashboard's usual questions. */
const ENDPOINTS: { name: string; path: string; params: Record<string, string> }[] = [
  { name: 'overview', path: 'overview', params: {} },
  { name: 'overview compare=previous', path: 'overview', params: { compare: 'previous' } },
  { name: 'timeseries day', path: 'timeseries', params: { interval: 'day' } },
  { name: 'breakdown source', path: 'breakdown', params: { by: 'source' } },
  { name: 'breakdown city', path: 'breakdown', params: { by: 'city' } },
  { name: 'time-patterns', path: 'time-patterns', params: {} },
  // a link's page: its breakdowns read the link's daily rollups
  { name: 'breakdown country, one link', path: 'breakdown', params: { by: 'country', linkId: '' } },
  // drill-downs: a creator clicked a source, a country, a device; every panel asks again
  { name: 'breakdown country, source=instagram', path: 'breakdown', params: { by: 'country', source: 'instagram' } },
  { name: 'breakdown source, country=US', path: 'breakdown', params: { by: 'source', country: 'US' } },
  { name: 'breakdown city, device=mobile', path: 'breakdown', params: { by: 'city', device: 'mobile' } },
  { name: 'overview, source=instagram', path: 'overview', params: { source: 'instagram', compare: 'previous' } },
  { name: 'timeseries day, source=instagram', path: 'timeseries', params: { interval: 'day', source: 'instagram' } },
  { name: 'time-patterns, source=instagram', path: 'time-patterns', params: { source: 'instagram' } },
  // conversions (every answer above reads them too): the Conversions page's funnel and table
  { name: 'funnel', path: 'funnel', params: { compare: 'previous' } },
  { name: 'funnel by source', path: 'funnel', params: { steps: 'click,lead,sale', by: 'source' } },
  { name: 'breakdown link (conversions table)', path: 'breakdown', params: { by: 'link', limit: '100' } },
];

export interface QueryFigure {
  name: string;
  value: number;
  unit: string;
}

/** The bench creator, seeded with the project's seeder unless a previous run left it complete. */
export async function ensureSeeded(): Promise<{ creatorId: string; end: number; topLink: string }> {
  await migrateDatabase(BENCH_DATABASE_URL);
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    const found = await client.query(
      `SELECT c.id, (SELECT sum(clicks) FROM rollup_daily r
                      WHERE r.creator_id = c.id AND r.link_id = '00000000-0000-0000-0000-000000000000' AND r.dimension = 'total')::int8 AS clicks,
              EXISTS (SELECT 1 FROM conversions v WHERE v.creator_id = c.id) AS converted
         FROM creators c WHERE c.email = $1`,
      [ACCOUNT.email],
    );
    // a year seeded before the seeder made conversions is seeded again
    if (found.rows[0] && Number(found.rows[0].clicks) === CLICKS && found.rows[0].converted) {
      console.log(`  reusing the seeded creator (${CLICKS.toLocaleString('en')} clicks over ${DAYS} days)`);
    } else {
      console.log(
        `  seeding ${CLICKS.toLocaleString('en')} clicks over ${DAYS} days with npm run seed's seeder (once; later runs reuse it)`,
      );
      const result = await seed({
        databaseUrl: BENCH_DATABASE_URL,
        account: ACCOUNT,
        clicks: CLICKS,
        days: DAYS,
        replace: true,
        seed: 42,
        progress: process.stdout,
      });
      console.log(
        `  seeded ${result.events.toLocaleString('en')} hits and ${result.conversions.toLocaleString('en')} conversions in ${result.insertSeconds.toFixed(0)} s, rolled up in ${result.rollupSeconds.toFixed(0)} s`,
      );
    }
    // a migration or an interrupted run may have left days to roll up
    const dataSource = new DataSource(dataSourceOptions(BENCH_DATABASE_URL, 4));
    await dataSource.initialize();
    try {
      const started = performance.now();
      const run = await new RollupService(dataSource).rollDirty({ concurrency: 2, untilClean: true });
      if (run.days > 0)
        console.log(`  rolled up ${run.days} dirty day(s) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } finally {
      await dataSource.destroy();
    }
    const { rows } = await client.query(
      `SELECT c.id, (SELECT max(occurred_at) FROM events e WHERE e.creator_id = c.id) AS last FROM creators c WHERE c.email = $1`,
      [ACCOUNT.email],
    );
    const creatorId: string = rows[0].id;
    const end: number = rows[0].last.getTime();
    // as in production, the current hour has not been rolled up yet: read it from raw events
    await client.query(`INSERT INTO rollup_dirty_hours (creator_id, hour) VALUES ($1, $2), ($1, $3) ON CONFLICT DO NOTHING`, [
      creatorId,
      new Date(Math.floor(end / HOUR) * HOUR),
      new Date(Math.floor(end / HOUR) * HOUR - HOUR),
    ]);
    await client.query(`INSERT INTO conversion_dirty_hours (creator_id, hour) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      creatorId,
      new Date(Math.floor(end / HOUR) * HOUR),
    ]);
    await client.query('ANALYZE');
    const top = await client.query(
      `SELECT value FROM rollup_daily WHERE creator_id = $1 AND link_id = '00000000-0000-0000-0000-000000000000'
          AND dimension = 'link' GROUP BY value ORDER BY sum(clicks) DESC LIMIT 1`,
      [creatorId],
    );
    return { creatorId, end, topLink: top.rows[0].value };
  } finally {
    await client.end();
  }
}

/**
 * p50/p95 of each analytics endpoint over HTTP (the real API app in this process, Fastify and
 * validation included), for the 7, 30 and 365 days that end with the seeded data, in the
 * creator's zone (Europe/Berlin), with the last hours not yet rolled up as in production.
 */
export async function runQueriesBench(): Promise<QueryFigure[]> {
  const { end, topLink } = await ensureSeeded();
  const api = await openTimedApi(ACCOUNT);
  try {
    const to = new Date(Math.ceil(end / DAY) * DAY).toISOString();
    const figures: QueryFigure[] = [];
    const rows: string[][] = [];
    for (const days of RANGES) {
      const from = new Date(Date.parse(to) - days * DAY).toISOString();
      for (const endpoint of ENDPOINTS) {
        const params = { ...endpoint.params, ...(endpoint.params.linkId === '' ? { linkId: topLink } : {}) };
        const query = new URLSearchParams({ from, to, tz: ACCOUNT.timezone, ...params });
        const path = `/api/v1/analytics/${endpoint.path}?${query}`;
        const [p50, p95] = await api.percentiles(path, WARMUP, RUNS);
        figures.push({ name: `queries: ${endpoint.name}, ${days} days, p50`, value: round(p50), unit: 'ms' });
        figures.push({ name: `queries: ${endpoint.name}, ${days} days, p95`, value: round(p95), unit: 'ms' });
        rows.push([endpoint.name, `${days} d`, p50.toFixed(1), p95.toFixed(1), p95 < 50 ? 'yes' : 'NO']);
      }
    }

    // the CSV export is measured apart: it streams every event of the range
    const week = new URLSearchParams({ from: new Date(Date.parse(to) - 7 * DAY).toISOString(), to, tz: ACCOUNT.timezone });
    const started = performance.now();
    const csv = await api.fetch(`/api/v1/analytics/export.csv?${week}`);
    let lines = 0;
    for await (const chunk of csv.body as unknown as AsyncIterable<Uint8Array>)
      for (const byte of chunk) if (byte === 10) lines++;
    const seconds = (performance.now() - started) / 1000;
    figures.push({ name: 'queries: export.csv, 7 days', value: Math.round((lines - 1) / seconds), unit: 'rows/s' });
    rows.push(['export.csv (streamed)', '7 d', `${(lines - 1).toLocaleString('en')} rows`, `${seconds.toFixed(1)} s`, '–']);

    console.log(markdownTable(['endpoint', 'range', 'p50 ms', 'p95 ms', 'p95 < 50 ms'], rows));
    return figures;
  } finally {
    await api.close();
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runQueriesBench().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
