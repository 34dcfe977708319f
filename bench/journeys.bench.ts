import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ACCOUNT, ensureSeeded } from './queries.bench.js';
import type { BenchResult } from './support/bench-result.js';
import { BENCH_DATABASE_URL } from './support/services.js';
import { markdownTable, openTimedApi } from './support/timed-api.js';

const RANGES = [30, 365];
const WARMUP = 2;
const RUNS = Number(process.env.BENCH_JOURNEY_RUNS || 20);
const DAY = 86_400_000;
/** one click in this many leads to a lead (a customer of its own), and 2 in 5 leads to a sale too */
const LEAD_EVERY = 50;

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
 * The seeder makes clicks and views only: leads and sales for a share of the clicks are added
 * once, as the conversion store would have stored them (the click's dimensions copied).
 */
async function ensureConversions(creatorId: string): Promise<number> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    const existing = await client.query('SELECT count(*)::int AS n FROM conversions WHERE creator_id = $1', [creatorId]);
    if (existing.rows[0].n > 0) return existing.rows[0].n;
    const copied = `click_id, click_at, link_id, visitor_id, source, referrer_host, utm_source, utm_medium, utm_campaign,
                    utm_term, utm_content, country, region, city, device, browser, os, via`;
    const fromClick = `e.id, e.occurred_at, e.link_id, e.visitor_id, e.source, e.referrer_host, e.utm_source, e.utm_medium,
                       e.utm_campaign, e.utm_term, e.utm_content, e.country, e.region, e.city, e.device, e.browser, e.os, e.via`;
    const leads = `SELECT e.* FROM events e WHERE e.creator_id = $1 AND e.kind = 'click' AND NOT e.is_bot
                      AND abs(hashtext(e.id::text)) % ${LEAD_EVERY} = 0`;
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO conversions (creator_id, id, occurred_at, kind, dedup_key, event_name, customer_id, attributed, ${copied})
       SELECT $1, gen_random_uuid(), e.occurred_at + interval '7 minutes', 'lead', 'lead-' || e.id, 'Sign up', 'cus-' || e.id, true, ${fromClick}
         FROM (${leads}) e`,
      [creatorId],
    );
    await client.query(
      `INSERT INTO conversions (creator_id, id, occurred_at, kind, dedup_key, event_name, customer_id, amount, currency, attributed, ${copied})
       SELECT $1, gen_random_uuid(), e.occurred_at + interval '1 day', 'sale', 'sale-' || e.id, 'Purchase', 'cus-' || e.id,
              1900 + abs(hashtext(e.id::text)) % 8000, 'EUR', true, ${fromClick}
         FROM (${leads}) e WHERE abs(hashtext(e.id::text || 'sale')) % 5 < 2`,
      [creatorId],
    );
    await client.query(
      `INSERT INTO customers (creator_id, customer_id, first_seen_at, lead_at, click_id, click_at, link_id)
       SELECT creator_id, customer_id, occurred_at, occurred_at, click_id, click_at, link_id FROM conversions
        WHERE creator_id = $1 AND kind = 'lead'`,
      [creatorId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE conversions');
    await client.query('ANALYZE customers');
    const added = await client.query('SELECT count(*)::int AS n FROM conversions WHERE creator_id = $1', [creatorId]);
    console.log(`  added ${added.rows[0].n.toLocaleString('en')} leads and sales to the seeded clicks`);
    return added.rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * p50/p95 of journeys, paths and segments over HTTP for the 30 and 365 days that end with the
 * seeded data (the queries bench's creator), in the creator's zone: each is read from raw events.
 */
export async function runJourneysBench(): Promise<BenchResult[]> {
  const { creatorId, end } = await ensureSeeded();
  await ensureConversions(creatorId);
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
