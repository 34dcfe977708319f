import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CapturedHit, EnrichedHit } from '@app/common';
import { uuidV7 } from '@app/common';
import { dataSourceOptions } from '@app/db';
import { defaultGeoDbPaths, GeoLookup } from '@app/enrichment';
import { EventStore, HitPipeline, VisitorSalts } from '@app/events';
import { ALL_LINKS, FILTER_DIMENSIONS, RollupService } from '@app/analytics';
import { DataSource } from 'typeorm';
import {
  addHit,
  type Counts,
  dimensionValuesOf,
  emptyCounts,
  insertCreator,
  insertLink,
  randomHits,
  seededRandom,
  unrolledHours,
} from './support/random-events.js';
import { type DirectStore, openDirectStore } from './support/direct-store.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const QUARTER = 900_000;

let direct: DirectStore;
let db: DataSource;
let store: EventStore;
let rollups: RollupService;

beforeAll(async () => {
  direct = await openDirectStore(6);
  ({ db, events: store, rollups } = direct);
});

afterAll(async () => {
  await direct.close();
});

const floorTo = (at: number, unit: number): number => Math.floor(at / unit) * unit;
const countsKey = (c: Counts): string => `${c.clicks}/${c.views}/${c.botHits}/${c.profileClicks}`;

/** Everything the rollups should hold for these hits, computed in JavaScript. */
function expectedRollups(creatorId: string, hits: EnrichedHit[]) {
  const quarter = new Map<string, Counts>();
  const hourly = new Map<string, Counts>();
  const daily = new Map<string, Counts & { visitors?: Set<string> }>();
  const bump = <T extends Counts>(map: Map<string, T>, key: string, hit: EnrichedHit, make: () => T): T => {
    const counts = map.get(key) ?? make();
    map.set(key, counts);
    addHit(counts, hit);
    return counts;
  };
  const drill = new Map<string, Counts>();
  const newDaily = () => ({ ...emptyCounts(), visitors: new Set<string>() });
  for (const hit of hits) {
    const slot = floorTo(hit.at, QUARTER);
    const hour = floorTo(hit.at, HOUR);
    const day = floorTo(hit.at, DAY);
    bump(quarter, `${ALL_LINKS} ${slot}`, hit, emptyCounts);
    if (hit.linkId) {
      bump(quarter, `${hit.linkId} ${slot}`, hit, emptyCounts);
      bump(hourly, `${hit.linkId} total ${hour} `, hit, emptyCounts);
      // a link's daily rows have every dimension (but its own link); visitors for its totals only
      for (const [dimension, value] of dimensionValuesOf(hit)) {
        if (dimension === 'link') continue;
        const counts = bump(
          daily,
          `${hit.linkId} ${dimension} ${day} ${value}`,
          hit,
          dimension === 'total' ? newDaily : emptyCounts,
        );
        if (!hit.isBot && dimension === 'total') (counts as Counts & { visitors: Set<string> }).visitors.add(hit.visitorId);
      }
    }
    const values = dimensionValuesOf(hit).filter(([dimension]) => dimension !== 'total');
    for (const [filter, filterValue] of values) {
      if (!(FILTER_DIMENSIONS as readonly string[]).includes(filter)) continue;
      for (const [dimension, value] of values)
        if (dimension !== filter) bump(drill, `${filter} ${filterValue} ${dimension} ${day} ${value}`, hit, emptyCounts);
    }
    for (const [dimension, value] of dimensionValuesOf(hit)) {
      bump(hourly, `${ALL_LINKS} ${dimension} ${hour} ${value}`, hit, emptyCounts);
      const counts = bump(daily, `${ALL_LINKS} ${dimension} ${day} ${value}`, hit, newDaily);
      if (!hit.isBot) counts.visitors!.add(hit.visitorId);
    }
  }
  void creatorId;
  return {
    quarter: new Map([...quarter].map(([key, counts]) => [key, countsKey(counts)])),
    hourly: new Map([...hourly].map(([key, counts]) => [key, countsKey(counts)])),
    daily: new Map([...daily].map(([key, counts]) => [key, `${countsKey(counts)} ${counts.visitors?.size ?? null}`])),
    drill: new Map([...drill].map(([key, counts]) => [key, countsKey(counts)])),
  };
}

/** What the rollup tables hold for a creator, in the same shape. */
async function storedRollups(creatorId: string) {
  const counts = (row: { clicks: number; views: number; bot_hits: number; profile_clicks: number }) =>
    `${row.clicks}/${row.views}/${row.bot_hits}/${row.profile_clicks}`;
  const quarter = await db.query('SELECT * FROM rollup_quarter WHERE creator_id = $1', [creatorId]);
  const hourly = await db.query('SELECT * FROM rollup_hourly WHERE creator_id = $1', [creatorId]);
  const daily = await db.query('SELECT * FROM rollup_daily WHERE creator_id = $1', [creatorId]);
  const drill = await db.query('SELECT * FROM rollup_drill_daily WHERE creator_id = $1', [creatorId]);
  return {
    quarter: new Map<string, string>(quarter.map((row: any) => [`${row.link_id} ${row.slot.getTime()}`, counts(row)])),
    hourly: new Map<string, string>(
      hourly.map((row: any) => [`${row.link_id} ${row.dimension} ${row.hour.getTime()} ${row.value}`, counts(row)]),
    ),
    daily: new Map<string, string>(
      daily.map((row: any) => [
        `${row.link_id} ${row.dimension} ${row.day.getTime()} ${row.value}`,
        `${counts(row)} ${row.visitors}`,
      ]),
    ),
    drill: new Map<string, string>(
      drill.map((row: any) => [
        `${row.filter} ${row.filter_value} ${row.dimension} ${row.day.getTime()} ${row.value}`,
        counts(row),
      ]),
    ),
  };
}

const sorted = (map: Map<string, string>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function expectRollupsToMatch(
  stored: Awaited<ReturnType<typeof storedRollups>>,
  expected: ReturnType<typeof expectedRollups>,
): void {
  expect(sorted(stored.quarter)).toEqual(sorted(expected.quarter));
  expect(sorted(stored.hourly)).toEqual(sorted(expected.hourly));
  expect(sorted(stored.daily)).toEqual(sorted(expected.daily));
  expect(sorted(stored.drill)).toEqual(sorted(expected.drill));
}

async function storeInBatches(hits: EnrichedHit[], size = 500): Promise<void> {
  for (let i = 0; i < hits.length; i += size) await store.store(hits.slice(i, i + size));
}

describe('hourly rollups', () => {
  it('count a batch delivered twice once', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 5, 1, 10);
    const hits = randomHits({ creatorId, links: [link.id], from, to: from + 3 * HOUR, count: 200, random: seededRandom(1) });
    await store.store(hits);
    await store.store(hits);
    await rollups.rollDirty({ untilClean: true });
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, hits));
    const [{ clicks, views, bots }] = await db.query(
      `SELECT sum(clicks)::int AS clicks, sum(views)::int AS views, sum(bot_hits)::int AS bots
         FROM rollup_hourly WHERE creator_id = $1 AND link_id = $2 AND dimension = 'total'`,
      [creatorId, ALL_LINKS],
    );
    expect(clicks + views + bots).toBe(200);
  });

  it('equal a recount of the raw events for random data over many hours and dimensions', async () => {
    const creatorId = await insertCreator(db);
    const links = [await insertLink(db, creatorId), await insertLink(db, creatorId), await insertLink(db, creatorId)].map(
      (l) => l.id,
    );
    const from = Date.UTC(2025, 2, 28, 5, 7);
    const hits = randomHits({ creatorId, links, from, to: from + 4 * DAY + 7 * HOUR, count: 5000, random: seededRandom(2) });
    await storeInBatches(hits);
    const run = await rollups.rollDirty({ concurrency: 3, untilClean: true });
    expect(run.days).toBe(5);
    expect(run.hours).toBeGreaterThan(90);
    expect(await unrolledHours(db, creatorId)).toBe(0);
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, hits));
  });

  it('rebuild an hour that receives a late event, and only its day', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 6, 1);
    const hits = randomHits({ creatorId, links: [link.id], from, to: from + 2 * DAY, count: 800, random: seededRandom(3) });
    await storeInBatches(hits);
    await rollups.rollDirty({ untilClean: true });

    const late = randomHits({
      creatorId,
      links: [link.id],
      from: from + 5 * HOUR,
      to: from + 6 * HOUR,
      count: 3,
      random: seededRandom(4),
    });
    await store.store(late);
    const marks = await db.query('SELECT hour FROM rollup_pending WHERE creator_id = $1', [creatorId]);
    expect(marks.map((row: { hour: Date }) => row.hour.getTime())).toEqual([from + 5 * HOUR]);
    const run = await rollups.rollDirty({ untilClean: true });
    expect(run).toMatchObject({ days: 1, hours: 1 });
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, [...hits, ...late]));
  });

  it('give the same rows when an hour is rebuilt again', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 7, 3, 22);
    const hits = randomHits({ creatorId, links: [link.id], from, to: from + 5 * HOUR, count: 600, random: seededRandom(5) });
    await storeInBatches(hits);
    await rollups.rollDirty({ untilClean: true });
    const before = await storedRollups(creatorId);
    await db.query(
      `INSERT INTO rollup_dirty_hours (creator_id, hour)
       SELECT $1, generate_series($2::timestamptz, $3::timestamptz, interval '1 hour')`,
      [creatorId, new Date(from), new Date(from + 4 * HOUR)],
    );
    await rollups.rollDirty({ untilClean: true });
    await rollups.rollDirty({ untilClean: true });
    const after = await storedRollups(creatorId);
    expect(sorted(after.quarter)).toEqual(sorted(before.quarter));
    expect(sorted(after.hourly)).toEqual(sorted(before.hourly));
    expect(sorted(after.daily)).toEqual(sorted(before.daily));
    expect(sorted(after.drill)).toEqual(sorted(before.drill));
  });

  it('are rebuilt once when several runs race, and stay exact while events keep arriving', async () => {
    const creatorId = await insertCreator(db);
    const links = [(await insertLink(db, creatorId)).id, (await insertLink(db, creatorId)).id];
    const from = Date.UTC(2025, 8, 10);
    const random = seededRandom(6);
    const first = randomHits({ creatorId, links, from, to: from + 3 * DAY, count: 3000, random });
    await storeInBatches(first);

    // a second service on its own pool, as another worker would have
    const other = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4));
    await other.initialize();
    try {
      const second = randomHits({ creatorId, links, from, to: from + 3 * DAY, count: 1500, random });
      const [a, b] = await Promise.all([
        rollups.rollDirty({ concurrency: 2 }),
        new RollupService(other).rollDirty({ concurrency: 2 }),
        storeInBatches(second, 100),
      ]);
      // every day was rebuilt by one of them (or was busy for the other)
      expect(a.days + b.days).toBeGreaterThanOrEqual(3);
      await rollups.rollDirty({ untilClean: true });
      expect(await unrolledHours(db, creatorId)).toBe(0);
      expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, [...first, ...second]));
    } finally {
      await other.destroy();
    }
  });

  it("forget a deleted link's rows and rebuild the creator's totals without its events", async () => {
    const creatorId = await insertCreator(db);
    const keep = await insertLink(db, creatorId);
    const drop = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 10, 2);
    const hits = randomHits({
      creatorId,
      links: [keep.id, drop.id],
      from,
      to: from + 30 * HOUR,
      count: 1200,
      random: seededRandom(9),
    });
    await storeInBatches(hits);
    await rollups.rollDirty({ untilClean: true });

    await db.query('DELETE FROM links WHERE id = $1', [drop.id]);
    const [{ n }] = await db.query(
      `SELECT (SELECT count(*) FROM rollup_quarter WHERE link_id = $1) + (SELECT count(*) FROM rollup_hourly WHERE link_id = $1)
            + (SELECT count(*) FROM rollup_daily WHERE link_id = $1) + (SELECT count(*) FROM rollup_hourly WHERE value = $1::text)
            + (SELECT count(*) FROM rollup_daily WHERE value = $1::text) AS n`,
      [drop.id],
    );
    expect(Number(n)).toBe(0);
    expect(await unrolledHours(db, creatorId)).toBeGreaterThan(0);
    await rollups.rollDirty({ untilClean: true });
    expectRollupsToMatch(
      await storedRollups(creatorId),
      expectedRollups(
        creatorId,
        hits.filter((hit) => hit.linkId !== drop.id),
      ),
    );
  });

  it('go with the account', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 10, 20);
    await store.store(
      randomHits({ creatorId, links: [link.id], from, to: from + 3 * HOUR, count: 100, random: seededRandom(10) }),
    );
    await rollups.rollDirty({ untilClean: true });
    await db.query('DELETE FROM creators WHERE id = $1', [creatorId]);
    const [{ n }] = await db.query(
      `SELECT (SELECT count(*) FROM rollup_quarter WHERE creator_id = $1) + (SELECT count(*) FROM rollup_hourly WHERE creator_id = $1)
            + (SELECT count(*) FROM rollup_daily WHERE creator_id = $1) + (SELECT count(*) FROM rollup_dirty_hours WHERE creator_id = $1) AS n`,
      [creatorId],
    );
    expect(Number(n)).toBe(0);
  });

  it('leave days past the raw retention as they were', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const old = floorTo(Date.now() - 10 * DAY, DAY) + 3 * HOUR;
    const hits = randomHits({ creatorId, links: [link.id], from: old, to: old + HOUR, count: 40, random: seededRandom(11) });
    await store.store(hits);
    await rollups.rollDirty({ untilClean: true });
    const before = await storedRollups(creatorId);
    // the raw events are gone (retention), then a mark arrives for their hour
    await db.query('DELETE FROM events WHERE creator_id = $1', [creatorId]);
    await db.query('INSERT INTO rollup_dirty_hours (creator_id, hour) VALUES ($1, $2)', [creatorId, new Date(old)]);
    const run = await new RollupService(db, { rawRetentionDays: 5 }).rollDirty({ untilClean: true });
    expect(run.expired).toBeGreaterThanOrEqual(1);
    expect(await unrolledHours(db, creatorId)).toBe(0);
    expect(sorted((await storedRollups(creatorId)).hourly)).toEqual(sorted(before.hourly));
  });
});

describe('incremental rollups', () => {
  const today = (): number => floorTo(Date.now(), DAY);

  it('add only the events stored since the last run, once through retried batches, visitors exact', async () => {
    const creatorId = await insertCreator(db);
    const links = [(await insertLink(db, creatorId)).id, (await insertLink(db, creatorId)).id];
    const random = seededRandom(20);
    // yesterday and today (UTC): the days whose visitor sets are kept
    const from = today() - DAY;
    const first = randomHits({ creatorId, links, from, to: Date.now(), count: 1500, random });
    await storeInBatches(first, 300);
    expect((await rollups.rollDirty({ untilClean: true })).events).toBe(1500);
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, first));

    // the same visitor pool: most of these people were counted already today or yesterday
    const second = randomHits({ creatorId, links, from, to: Date.now(), count: 200, random });
    await store.store(second);
    await store.store(second.slice(0, 80)); // a batch delivered again
    const run = await rollups.rollDirty({ untilClean: true });
    expect(run.events).toBe(200);
    expect(await unrolledHours(db, creatorId)).toBe(0);
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, [...first, ...second]));
  });

  it('rebuild the day of a late event older than yesterday, and keep no visitor set for it', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const random = seededRandom(21);
    const old = today() - 4 * DAY;
    const first = randomHits({ creatorId, links: [link.id], from: old, to: old + DAY, count: 300, random });
    await storeInBatches(first, 100);
    await rollups.rollDirty({ untilClean: true });
    const late = randomHits({ creatorId, links: [link.id], from: old + 3 * HOUR, to: old + 4 * HOUR, count: 4, random });
    await store.store(late);
    const run = await rollups.rollDirty({ untilClean: true });
    expect(run).toMatchObject({ days: 1, hours: 1, events: 304 });
    expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, [...first, ...late]));
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM rollup_visitor_sets WHERE creator_id = $1', [creatorId]);
    expect(n).toBe(0);
  });

  it('stay exact when runs on two workers race with batches arriving, retried and late', async () => {
    const creatorId = await insertCreator(db);
    const links = [(await insertLink(db, creatorId)).id, (await insertLink(db, creatorId)).id];
    const random = seededRandom(22);
    const from = today() - DAY;
    const first = randomHits({ creatorId, links, from, to: Date.now(), count: 1000, random });
    await storeInBatches(first, 200);
    await rollups.rollDirty({ untilClean: true });
    const other = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4));
    await other.initialize();
    try {
      const arriving = [
        ...randomHits({ creatorId, links, from, to: Date.now(), count: 1200, random }),
        ...randomHits({ creatorId, links, from: today() - 3 * DAY, to: today() - 2 * DAY, count: 60, random }),
      ].sort(() => random() - 0.5);
      const otherService = new RollupService(other);
      const rolling = async (service: RollupService): Promise<void> => {
        for (let i = 0; i < 6; i++) await service.rollDirty({ concurrency: 2 });
      };
      await Promise.all([
        rolling(rollups),
        rolling(otherService),
        (async () => {
          for (let i = 0; i < arriving.length; i += 50) {
            const batch = arriving.slice(i, i + 50);
            await store.store(batch);
            if (i % 200 === 0) await store.store(batch);
          }
        })(),
      ]);
      await rollups.rollDirty({ untilClean: true });
      expect(await unrolledHours(db, creatorId)).toBe(0);
      expectRollupsToMatch(await storedRollups(creatorId), expectedRollups(creatorId, [...first, ...arriving]));
    } finally {
      await other.destroy();
    }
  });
});

describe('stored data', () => {
  it('holds no IP address in any column of any table', async () => {
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const pipeline = new HitPipeline(store, new VisitorSalts(db), await GeoLookup.open(defaultGeoDbPaths()));
    const ips = ['81.2.69.142', '203.0.113.77', '2a02:8109:b6bf:e500:1d2c:95ff:fe21:a1b2', '2001:db8::42', '::ffff:81.2.69.160'];
    const at = Date.now() - HOUR;
    const captured: CapturedHit[] = ips.map((ip, i) => ({
      id: uuidV7(at + i),
      at: at + i,
      kind: 'click',
      creatorId,
      linkId: link.id,
      ip,
      userAgent: `Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Instagram ${ip}`,
      referer: `https://l.instagram.com/?u=https%3A%2F%2Fexample.com&from=${ip}`,
      query: `utm_source=ig&x=${encodeURIComponent(ip)}`,
      via: 'direct',
      hints: {},
    }));
    expect(await pipeline.process(captured)).toHaveLength(ips.length);
    await rollups.rollDirty({ untilClean: true });

    const columns: { table_name: string; column_name: string }[] = await db.query(
      `SELECT c.table_name, c.column_name
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.column_name NOT LIKE '%url' AND c.data_type NOT IN ('integer', 'bigint', 'smallint', 'boolean', 'timestamp with time zone', 'date', 'numeric', 'double precision')`,
    );
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
      expect.arrayContaining(['events.visitor_id', 'rollup_hourly.value']),
    );
    const ipPattern =
      '(^|[^0-9.])([0-9]{1,3}\\.){3}[0-9]{1,3}([^0-9.]|$)|([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|([0-9a-f]{1,4}:){1,6}:([0-9a-f]{1,4})?|::ffff:';
    // the rows of this creator where a table has them (the other tests' rows hold no capture of theirs)
    const perCreator = new Set(
      (
        await db.query(
          "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'creator_id'",
        )
      ).map((row: { table_name: string }) => row.table_name),
    );
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      const text = `"${column_name}"::text`;
      const ofCreator = perCreator.has(table_name) ? `creator_id = $${ips.length + 2} AND ` : '';
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM "${table_name}"
          WHERE ${ofCreator}(${text} ~* $1 OR ${ips.map((_, i) => `strpos(${text}, $${i + 2}) > 0`).join(' OR ')})`,
        [ipPattern, ...ips, ...(ofCreator ? [creatorId] : [])],
      );
      if (n > 0) found.push(`${table_name}.${column_name} (${n})`);
    }
    expect(found).toEqual([]);
  });
});

describe('the rollup job', () => {
  it('is scheduled once however many workers start, and rolls dirty hours up', async () => {
    const { startWorker } = await import('./support/stack.js');
    const creatorId = await insertCreator(db);
    const link = await insertLink(db, creatorId);
    const from = Date.UTC(2025, 11, 1);
    await store.store(
      randomHits({ creatorId, links: [link.id], from, to: from + 2 * HOUR, count: 50, random: seededRandom(12) }),
    );
    const workers = [await startWorker(), await startWorker()];
    try {
      const { Queue } = await import('bullmq');
      const { QUEUE_PREFIX, QueueName } = await import('@app/common');
      const queue = new Queue(QueueName.Rollup, { connection: { url: process.env.REDIS_URL }, prefix: QUEUE_PREFIX });
      try {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.map((scheduler) => scheduler.key)).toEqual(['roll-dirty-hours']);
        expect(schedulers[0].every).toBe(60_000);
      } finally {
        await queue.close();
      }
      const deadline = Date.now() + 20_000;
      while ((await unrolledHours(db, creatorId)) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await unrolledHours(db, creatorId)).toBe(0);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM rollup_hourly WHERE creator_id = $1`, [creatorId]);
      expect(n).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  });
});
