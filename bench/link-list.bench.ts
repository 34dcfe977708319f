import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '@app/common';
import { EventPartitions, EventStore } from '@app/events';
import { DataSource } from 'typeorm';
import { randomHits, seededRandom } from '../test/support/random-events.js';
import { createApiApp } from '../apps/api/src/http/api-app.factory.js';
import { openBenchDatabase } from './support/bench-database.js';
import type { BenchResult } from './support/bench-result.js';
import { percentile } from './support/percentiles.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from './support/services.js';

const LINKS = 10_000;
const ACCOUNT = { email: 'bench-links@linkpulse.local', username: 'bench_links', password: 'bench-password' };
const WARMUP = 3;
const RUNS = 30;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** What the Links page asks, beside GET /me: the same session, validation and HTTP, no query worth the name. */
const LISTINGS: { name: string; path: string }[] = [
  { name: 'newest first, 100', path: '/api/v1/links?limit=100' },
  { name: 'most clicked first, 100', path: '/api/v1/links?sort=clicks&limit=100' },
  { name: 'search "sale", by clicks', path: '/api/v1/links?search=sale&sort=clicks&limit=100' },
  { name: 'tag, by title', path: '/api/v1/links?tag=t7&sort=title&limit=100' },
];

/**
 * A creator with 10,000 links (made once: deleting them one by one through the rollup trigger is
 * slow), each with a daily and hourly rollup row of the `link` dimension for each of the last 31
 * days (every link clicked every day: the worst case for the 30-day counts), and 2,000 raw clicks
 * in the current hour, not rolled up, as in production. The rollups and events are made anew.
 */
async function seedCreator(db: DataSource, signup: () => Promise<void>): Promise<string> {
  const creatorOf = async () =>
    ((await db.query('SELECT id FROM creators WHERE email = $1', [ACCOUNT.email])) as { id: string }[])[0]?.id;
  if (!(await creatorOf())) await signup();
  const creatorId = (await creatorOf())!;
  await db.query(
    `INSERT INTO links (id, creator_id, slug, url, title, tags, created_at)
     SELECT gen_random_uuid(), $1, 'bl' || i, 'https://example.com/p/' || i,
            CASE WHEN i % 10 = 0 THEN 'Spring sale ' || i ELSE 'Post ' || i END, ARRAY['t' || (i % 20)],
            now() - i * interval '1 minute'
       FROM generate_series((SELECT count(*) FROM links WHERE creator_id = $1)::int + 1, $2::int) AS i`,
    [creatorId, LINKS],
  );
  for (const table of ['events', 'rollup_dirty_hours', 'rollup_pending', 'rollup_daily', 'rollup_hourly'])
    await db.query(`DELETE FROM ${table} WHERE creator_id = $1`, [creatorId]);
  const today = Math.floor(Date.now() / DAY) * DAY;
  for (const [table, column, step, count] of [
    ['rollup_daily', 'day', DAY, 31],
    ['rollup_hourly', 'hour', HOUR, 48],
  ] as const) {
    await db.query(
      `INSERT INTO ${table} (creator_id, link_id, dimension, ${column}, value, clicks, views, bot_hits, profile_clicks)
       SELECT $1, '00000000-0000-0000-0000-000000000000', 'link', $2::timestamptz - s * $3::float8 * interval '1 millisecond',
              l.id::text, 1 + (hashtext(l.id::text || s) & 63), 0, 0, 0
         FROM links l, generate_series(1, $4::int) AS s
        WHERE l.creator_id = $1`,
      [creatorId, new Date(table === 'rollup_daily' ? today : Math.floor(Date.now() / HOUR) * HOUR), step, count],
    );
  }
  const links = ((await db.query('SELECT id FROM links WHERE creator_id = $1', [creatorId])) as { id: string }[]).map(
    (l) => l.id,
  );
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  await new EventStore(db, new EventPartitions(db)).store(
    randomHits({ creatorId, links, from: hour, to: Date.now(), count: 2000, random: seededRandom(3) }),
  );
  await db.query('VACUUM ANALYZE links, rollup_daily, rollup_hourly');
  return creatorId;
}

/** p50/p95 of the link list for a creator with 10,000 links, beside GET /me in the same run. */
export async function runLinkListBench(): Promise<BenchResult[]> {
  const db = await openBenchDatabase(2);
  const app = await createApiApp(
    loadConfig({ ...process.env, DATABASE_URL: BENCH_DATABASE_URL, REDIS_URL: BENCH_REDIS_URL, LOG_LEVEL: 'error' }),
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await seedCreator(db, async () => {
      const reply = await post('/api/v1/auth/signup', ACCOUNT);
      if (reply.status !== 201) throw new Error(`bench signup failed: ${reply.status}`);
    });
    const cookie = (await post('/api/v1/auth/login', { email: ACCOUNT.email, password: ACCOUNT.password })).headers
      .get('set-cookie')!
      .split(';')[0];
    const time = async (path: string): Promise<{ p50: number; p95: number }> => {
      const once = async () => {
        const started = performance.now();
        const reply = await fetch(`${base}${path}`, { headers: { cookie } });
        await reply.arrayBuffer();
        if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
        return performance.now() - started;
      };
      for (let i = 0; i < WARMUP; i++) await once();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await once());
      times.sort((a, b) => a - b);
      return { p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const baseline = await time('/api/v1/me');
    const results: BenchResult[] = [];
    for (const listing of LISTINGS) {
      const { p50, p95 } = await time(listing.path);
      const round = (ms: number) => Math.round(ms * 10) / 10;
      results.push({
        bench: 'link-list',
        metric: `${listing.name}, p50`,
        value: round(p50),
        unit: 'ms',
        baseline: round(baseline.p50),
      });
      results.push({
        bench: 'link-list',
        metric: `${listing.name}, p95`,
        value: round(p95),
        unit: 'ms',
        baseline: round(baseline.p95),
      });
    }
    return results;
  } finally {
    await app.close();
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runLinkListBench().then(
    (results) => {
      console.table(results);
      process.exit(0);
    },
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
