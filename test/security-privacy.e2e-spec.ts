import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { RollupService } from '@app/analytics';
import type { EnrichedHit } from '@app/common';
import { HitPipeline, VisitorSalts } from '@app/events';
import type pg from 'pg';
import { MaintenanceProcessor } from '../apps/worker/src/maintenance/maintenance.jobs.js';
import { hitAt } from './support/direct-store.js';
import { ApiClient, newCreator } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

/*
 * What is kept about visitors: no IP address in any column of any table after real traffic (direct
 * and through the trusted proxy, IPv4 and IPv6); salts gone after 48 hours; every row of a deleted
 * link's or account's analytics gone; raw events past RAW_RETENTION_DAYS gone.
 */

const DAY = 86_400_000;
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';
/** the visitor addresses of this file (documentation ranges): none of them may be stored anywhere */
const VISITOR_ADDRESSES = ['203.0.113.7', '2001:db8::7', '2001:db8:0:0:0:0:0:7'];

const IPV4 = String.raw`(^|[^0-9.])((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])($|[^0-9.])`;
const IPV6 = String.raw`(^|[^0-9a-z:])(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|([0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::([0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4})($|[^0-9a-z:])`;
const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'name']);
const ADDRESS_TYPES = new Set(['inet', 'cidr', 'macaddr', 'macaddr8']);

interface Column {
  table: string;
  column: string;
  type: string;
}

async function columns(db: pg.Client): Promise<Column[]> {
  const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, type: r.data_type }));
}

/** The tables that hold a creator's rows, and the column that says whose they are. */
async function ownedTables(db: pg.Client): Promise<Map<string, string>> {
  const owned = new Map<string, string>([['creators', 'id']]);
  for (const { table, column } of await columns(db)) if (column === 'creator_id') owned.set(table, 'creator_id');
  // rows that belong to a creator's row of another table (import_rows to its import) are the creator's too
  const { rows: references } = await db.query<{ child: string; column: string; parent: string; key: string }>(
    `SELECT kcu.table_name AS child, kcu.column_name AS column, ccu.table_name AS parent, ccu.column_name AS key
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
  );
  for (const { child, column, parent, key } of references) {
    if (!owned.has(child) && owned.get(parent) === 'creator_id') {
      owned.set(child, `(SELECT p.creator_id FROM "${parent}" p WHERE p."${key}" = "${child}"."${column}")`);
    }
  }
  return owned;
}

/** Rows of each table belonging to the creator (events partitions counted through their parent). */
async function rowsOf(db: pg.Client, creatorId: string): Promise<Record<string, number>> {
  const partitions = new Set(
    (
      await db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid`)
    ).rows.map((r) => r.name),
  );
  const counts: Record<string, number> = {};
  for (const [table, owner] of await ownedTables(db)) {
    if (partitions.has(table)) continue;
    counts[table] = (await db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${owner} = $1`, [creatorId])).rows[0].n;
  }
  return counts;
}

function click(api: RunningApi, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${api.url}${path}`, { redirect: 'manual', headers });
}

describe('privacy', () => {
  let api: RunningApi;
  let worker: INestApplicationContext;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    db = await connectDatabase();
  });

  afterAll(async () => {
    await db.end();
    await worker.close();
    await api.close();
  });

  const insertSalt = (day: string) =>
    db.query(
      `INSERT INTO visitor_salts (day, salt) VALUES ($1, decode(md5(random()::text) || md5(random()::text), 'hex')) ON CONFLICT DO NOTHING`,
      [day],
    );
  const rollUp = () => worker.get(RollupService, { strict: false }).rollDirty({ untilClean: true });
  const maintenance = () => worker.get(MaintenanceProcessor, { strict: false });

  /** Clicks and a view from loopback and from visitors behind the trusted proxy; resolves once all are stored. */
  async function traffic(creator: { client: ApiClient; id: string; username: string }, slugs: string[]): Promise<number> {
    const visits: [string, Record<string, string>][] = [];
    for (const slug of slugs) {
      visits.push(
        [`/${slug}`, { 'user-agent': IPHONE }],
        [`/${slug}?utm_source=ig&qr=1`, { 'user-agent': ANDROID, 'x-forwarded-for': '203.0.113.7' }],
        [
          `/${slug}?via=profile`,
          { 'user-agent': IPHONE, 'x-forwarded-for': '2001:db8::7', referer: `http://localhost:3000/@${creator.username}` },
        ],
        [`/${slug}`, { 'user-agent': 'curl/8.5.0', 'x-forwarded-for': '198.51.100.23, 203.0.113.7' }],
      );
    }
    visits.push([
      `/@${creator.username}`,
      { 'user-agent': IPHONE, 'x-forwarded-for': '203.0.113.7', referer: 'https://l.instagram.com/' },
    ]);
    for (const [path, headers] of visits) expect([200, 302]).toContain((await click(api, path, headers)).status);
    await eventually(
      async () =>
        (await db.query('SELECT count(*)::int AS n FROM events WHERE creator_id = $1', [creator.id])).rows[0].n === visits.length,
      15_000,
      `${visits.length} events stored`,
    );
    return visits.length;
  }

  it('stores no IP address, in any column of any table, after real traffic through the whole pipeline', async () => {
    const creator = await newCreator(api.url);
    const links = await Promise.all(
      ['a', 'b'].map((n) => creator.client.post('/api/v1/links', { url: `https://example.com/${n}`, onProfile: true })),
    );
    await traffic(
      creator,
      links.map((l) => l.body.slug),
    );
    await rollUp();
    const report = await creator.client.post('/api/v1/reports', { tz: 'UTC' });
    await eventually(
      async () => (await creator.client.get(`/api/v1/reports/${report.body.id}`)).status === 200,
      30_000,
      'the report',
    );

    // the patterns themselves, as PostgreSQL reads them
    const probe = await db.query(`SELECT v, v ~ $1 AS v4, v ~* $2 AS v6 FROM unnest($3::text[]) AS v`, [
      IPV4,
      IPV6,
      [
        '203.0.113.7',
        'from 10.0.0.1:443',
        '2001:db8::7',
        'fe80::1',
        '2001:0db8:0:0:0:0:0:7',
        '::ffff:127.0.0.1',
        'Safari 17.5',
        'l.instagram.com',
        '12:30',
        'a1b2',
      ],
    ]);
    expect(probe.rows.map((r) => r.v4 || r.v6)).toEqual([true, true, true, true, true, true, false, false, false, false]);

    const all = await columns(db);
    expect(all.filter((c) => ADDRESS_TYPES.has(c.type))).toEqual([]);
    const owned = await ownedTables(db);
    const findings: string[] = [];
    for (const { table, column, type } of all) {
      const owner = owned.get(table);
      const mine = owner ? `${owner} = $1::uuid` : '$1::uuid IS NOT NULL';
      if (TEXT_TYPES.has(type)) {
        // any address at all in this creator's rows (and in tables that belong to no creator)
        const { rows } = await db.query(
          `SELECT "${column}"::text AS value FROM "${table}" WHERE (${mine}) AND ("${column}"::text ~ $2 OR "${column}"::text ~* $3) LIMIT 3`,
          [creator.id, IPV4, IPV6],
        );
        findings.push(...rows.map((r) => `${table}.${column}: ${r.value}`));
        // the visitors' own addresses in anyone's rows
        const everywhere = await db.query(
          `SELECT "${column}"::text AS value FROM "${table}" WHERE "${column}"::text ILIKE ANY($1) LIMIT 3`,
          [VISITOR_ADDRESSES.map((a) => `%${a}%`)],
        );
        findings.push(...everywhere.rows.map((r) => `${table}.${column} (any creator): ${r.value}`));
      } else if (type === 'bytea') {
        const patterns = [...VISITOR_ADDRESSES, '127.0.0.1']
          .map((a) => Buffer.from(a))
          .concat([Buffer.from([203, 0, 113, 7]), Buffer.from([127, 0, 0, 1])]);
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM "${table}", unnest($2::bytea[]) AS pattern WHERE (${mine}) AND position(pattern IN "${table}"."${column}") > 0`,
          [creator.id, patterns],
        );
        if (rows[0].n > 0) findings.push(`${table}.${column}: ${rows[0].n} value(s) holding an address's bytes`);
      }
    }
    expect(findings).toEqual([]);
    // and the scan sees what was stored: visitors, places, sources, all without addresses
    const stored = await db.query(`SELECT DISTINCT source, visitor_id FROM events WHERE creator_id = $1 AND NOT is_bot`, [
      creator.id,
    ]);
    expect(stored.rows.map((r) => r.source).sort()).toEqual(expect.arrayContaining(['direct', 'instagram', 'profile']));
    expect(stored.rows.every((r) => /^[0-9a-f]{32}$/.test(r.visitor_id))).toBe(true);
  }, 90_000);

  it('deletes every salt 48 hours after its day began (maintenance logic, injected clock)', async () => {
    const salts = worker.get(VisitorSalts, { strict: false });
    const now = Date.parse('2020-01-10T12:00:00Z');
    for (const day of ['2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10']) await insertSalt(day);
    expect(await salts.deleteExpired(now)).toBe(2);
    const left = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM visitor_salts WHERE day < '2021-01-01' ORDER BY day`,
    );
    expect(left.rows.map((r) => r.day)).toEqual(['2020-01-09', '2020-01-10']);
    // 47 hours after 2020-01-09 began its salt is still needed; at 48 hours it goes
    expect(await salts.deleteExpired(Date.parse('2020-01-10T23:00:00Z'))).toBe(0);
    expect(await salts.deleteExpired(Date.parse('2020-01-11T00:00:00Z'))).toBe(1);
    // a hit of a day whose salt is gone gets a throwaway salt, never a stored one
    const late = await salts.forDay('2020-01-08', Date.parse('2020-01-11T00:00:00Z'));
    expect(late).toHaveLength(32);
    expect((await db.query(`SELECT count(*)::int AS n FROM visitor_salts WHERE day = '2020-01-08'`)).rows[0].n).toBe(0);
    await db.query(`DELETE FROM visitor_salts WHERE day < '2021-01-01'`);

    // the hourly maintenance job runs the same logic on the real clock
    const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    await insertSalt(threeDaysAgo);
    await maintenance().expireSalts();
    const days = (await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM visitor_salts`)).rows.map((r) => r.day);
    expect(days).not.toContain(threeDaysAgo);
    expect(days.every((day: string) => Date.parse(`${day}T00:00:00Z`) + 2 * DAY > Date.now())).toBe(true);
  });

  it('deleting a link deletes every row of its analytics; deleting the account deletes every row of everything', async () => {
    const creator = await newCreator(api.url);
    const kept = await creator.client.post('/api/v1/links', { url: 'https://example.com/kept', onProfile: true });
    const doomed = await creator.client.post('/api/v1/links', { url: 'https://example.com/doomed', onProfile: true });
    await traffic(creator, [kept.body.slug, doomed.body.slug]);
    await rollUp();
    const token = await creator.client.post('/api/v1/tokens', { name: 'privacy' });
    const report = await creator.client.post('/api/v1/reports', { tz: 'UTC', linkId: doomed.body.id });
    await creator.client.post('/api/v1/reports', { tz: 'UTC' });
    await creator.client.post('/api/v1/report-schedules', { frequency: 'weekly', dayOfWeek: 1, hour: 8, linkId: doomed.body.id });
    await creator.client.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 8 });
    await eventually(
      async () => (await creator.client.get(`/api/v1/reports/${report.body.id}`)).status === 200,
      30_000,
      'the report',
    );

    const linkRows = async (linkId: string): Promise<Record<string, number>> => {
      const counts: Record<string, number> = {};
      for (const table of ['events', 'rollup_quarter', 'rollup_hourly', 'rollup_daily', 'reports', 'report_schedules']) {
        counts[table] = (
          await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE creator_id = $1 AND link_id = $2`, [creator.id, linkId])
        ).rows[0].n;
      }
      for (const table of ['rollup_hourly', 'rollup_daily']) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE creator_id = $1 AND dimension = 'link' AND value = $2`,
          [creator.id, linkId],
        );
        counts[`${table} by link`] = rows[0].n;
      }
      return counts;
    };
    const before = await linkRows(doomed.body.id);
    for (const [table, n] of Object.entries(before)) expect({ table, some: n > 0 }).toEqual({ table, some: true });

    expect((await creator.client.delete(`/api/v1/links/${doomed.body.id}`)).status).toBe(204);
    expect(Object.values(await linkRows(doomed.body.id))).toEqual(Object.values(before).map(() => 0));
    expect((await linkRows(kept.body.id)).events).toBe(4);
    // the creator's totals are rebuilt without the deleted link's clicks
    await rollUp();
    const overview = await creator.client.get(
      `/api/v1/analytics/overview?from=${encodeURIComponent(new Date(Date.now() - DAY).toISOString())}&tz=UTC`,
    );
    expect(overview.body.clicks.value).toBe(3);
    const totals = await db.query(
      `SELECT coalesce(sum(clicks), 0)::int AS n FROM rollup_daily WHERE creator_id = $1 AND link_id = '00000000-0000-0000-0000-000000000000' AND dimension = 'total'`,
      [creator.id],
    );
    expect(totals.rows[0].n).toBe(3);

    const counts = await rowsOf(db, creator.id);
    for (const table of [
      'creators',
      'sessions',
      'api_tokens',
      'links',
      'profiles',
      'events',
      'rollup_quarter',
      'rollup_hourly',
      'rollup_daily',
      'reports',
      'report_schedules',
    ]) {
      expect({ table, some: counts[table] > 0 }).toEqual({ table, some: true });
    }
    expect((await creator.client.delete('/api/v1/me', { password: creator.password })).status).toBe(204);
    const after = await rowsOf(db, creator.id);
    expect(after).toEqual(Object.fromEntries(Object.keys(after).map((table) => [table, 0])));
    expect(Object.keys(after).length).toBeGreaterThanOrEqual(Object.keys(counts).length);
    // its short links stop at once on every API process, not when a cache expires
    expect((await click(api, `/${kept.body.slug}`, { 'user-agent': IPHONE })).status).toBe(404);
    expect((await creator.client.withToken(token.body.token).get('/api/v1/me')).status).toBe(401);
  }, 90_000);

  it('drops raw events older than RAW_RETENTION_DAYS (400) in the retention job, and keeps the newer ones', async () => {
    const creator = await newCreator(api.url);
    const pipeline = worker.get(HitPipeline, { strict: false });
    const event = (at: number, n: number): EnrichedHit =>
      hitAt(creator.id, at, {
        id: `0190b2f4-9b00-7000-8000-${String(n).padStart(12, '0')}`,
        kind: 'view',
        visitorId: 'f'.repeat(32),
        country: 'unknown',
        region: 'unknown',
        city: 'unknown',
      });
    const now = Date.now();
    const ages = [900, 500, 401, 399, 30, 0];
    await pipeline.storeEnriched(ages.map((days, i) => event(now - days * DAY - 60_000, Number(`${process.pid % 1000}${i}`))));
    const stored = async () =>
      (
        await db.query(
          `SELECT floor(extract(epoch FROM now() - occurred_at) / 86400)::int AS age FROM events WHERE creator_id = $1 ORDER BY 1 DESC`,
          [creator.id],
        )
      ).rows.map((r) => r.age);
    expect(await stored()).toEqual([900, 500, 401, 399, 30, 0]);
    await maintenance().dropExpiredEvents();
    expect(await stored()).toEqual([399, 30, 0]);
  });
});
