import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EnrichedHit } from '@app/common';
import { RollupService, ZoneClock } from '@app/analytics';
import { dataSourceOptions } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import { DataSource } from 'typeorm';
import { type ApiClient, newCreator } from './support/http-client.js';
import { addHit, emptyCounts, insertLink, randomHits, seededRandom } from './support/random-events.js';
import { type RunningApi, startApi } from './support/stack.js';

/**
 * Leads, sales and revenue (SPEC section 8) recounted against the raw conversions: every number
 * of overview, timeseries, breakdowns, funnel and the CSV export, in zones with DST changes and
 * with a +05:45 offset, read from raw conversions, from the rollups, and from both at once.
 */

let api: RunningApi;
let db: DataSource;
let store: EventStore;
let rollups: RollupService;

beforeAll(async () => {
  api = await startApi();
  db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4));
  await db.initialize();
  store = new EventStore(db, new EventPartitions(db));
  rollups = new RollupService(db);
});

afterAll(async () => {
  await db.destroy();
  await api.close();
});

interface TestConversion {
  id: string;
  at: number;
  kind: 'lead' | 'sale';
  amount: number | null;
  currency: string | null;
  attributed: boolean;
  linkId: string | null;
  source: string | null;
  country: string | null;
  referrerHost: string | null;
}

const SOURCES = ['instagram', 'tiktok', 'youtube', 'direct'];
const COUNTRIES = ['DE', 'US', 'NP'];
const CURRENCIES = ['EUR', 'USD', 'JPY'];
const QUARTER = 900_000;

/** Random conversions in [from, to): a third on a quarter-hour boundary, a fifth unattributed. */
function randomConversions(random: () => number, links: string[], from: number, to: number, count: number): TestConversion[] {
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  return Array.from({ length: count }, () => {
    let at = from + Math.floor(random() * (to - from));
    if (random() < 1 / 3) at = Math.max(from, Math.floor(at / QUARTER) * QUARTER);
    const kind = random() < 0.6 ? 'lead' : 'sale';
    const attributed = random() >= 0.2;
    return {
      id: randomUUID(),
      at,
      kind,
      amount: kind === 'sale' ? 100 + Math.floor(random() * 9900) : null,
      currency: kind === 'sale' ? pick(CURRENCIES) : null,
      attributed,
      linkId: attributed ? pick(links) : null,
      source: attributed ? pick(SOURCES) : null,
      country: attributed ? pick(COUNTRIES) : null,
      referrerHost: attributed && random() < 0.5 ? 't.co' : null,
    };
  });
}

async function insertConversions(creatorId: string, conversions: TestConversion[]): Promise<void> {
  const column = <T>(pick: (c: TestConversion) => T): T[] => conversions.map(pick);
  await db.query(
    `INSERT INTO conversions (creator_id, id, occurred_at, kind, dedup_key, event_name, amount, currency, attributed,
                              click_id, click_at, link_id, source, referrer_host, country, city, device, via)
     SELECT $1, u.id, u.at, u.kind, u.id::text, 'Test', u.amount, u.currency, u.attributed,
            CASE WHEN u.attributed THEN gen_random_uuid() END, CASE WHEN u.attributed THEN u.at - interval '1 hour' END,
            u.link_id, u.source, u.referrer_host, u.country,
            CASE WHEN u.attributed THEN 'Somewhere' END, CASE WHEN u.attributed THEN 'mobile' END, CASE WHEN u.attributed THEN 'direct' END
       FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::bigint[], $6::text[], $7::boolean[], $8::uuid[], $9::text[], $10::text[], $11::text[])
         AS u(id, at, kind, amount, currency, attributed, link_id, source, referrer_host, country)`,
    [
      creatorId,
      column((c) => c.id),
      column((c) => new Date(c.at).toISOString()),
      column((c) => c.kind),
      column((c) => c.amount),
      column((c) => c.currency),
      column((c) => c.attributed),
      column((c) => c.linkId),
      column((c) => c.source),
      column((c) => c.referrerHost),
      column((c) => c.country),
    ],
  );
}

interface Tally {
  leads: number;
  sales: number;
  revenue: Record<string, number>;
}

function tally(conversions: TestConversion[]): Tally {
  const result: Tally = { leads: 0, sales: 0, revenue: {} };
  for (const c of conversions) {
    if (c.kind === 'lead') result.leads++;
    else {
      result.sales++;
      result.revenue[c.currency!] = (result.revenue[c.currency!] ?? 0) + c.amount!;
    }
  }
  return result;
}

/** An answer's leads, sales and revenue (a list of {currency, amount}) as a Tally. */
const tallyOf = (answer: { leads: number; sales: number; revenue: { currency: string; amount: number }[] }): Tally => ({
  leads: answer.leads,
  sales: answer.sales,
  revenue: Object.fromEntries(answer.revenue.map((money) => [money.currency, money.amount])),
});

/** The local calendar day (or hour) of a time in a zone, by Intl: independent of the code under test. */
function localKey(at: number, tz: string, unit: 'day' | 'hour'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return unit === 'day' ? day : `${day}T${parts.hour}`;
}

const within = (from: number, to: number) => (c: { at: number }) => c.at >= from && c.at < to;

const query = (params: Record<string, string | number | undefined>): string =>
  new URLSearchParams(
    Object.entries(params)
      .filter((entry) => entry[1] !== undefined)
      .map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();

describe('conversion analytics recounted against the raw conversions', () => {
  const random = seededRandom(20260329);
  const start = Date.parse('2026-03-18T00:00:00Z');
  const end = Date.parse('2026-04-08T00:00:00Z');
  let client: ApiClient;
  let creatorId: string;
  let links: string[];
  let hits: EnrichedHit[];
  const conversions: TestConversion[] = [];

  beforeAll(async () => {
    const creator = await newCreator(api.url, { timezone: 'Asia/Kathmandu' });
    client = creator.client;
    creatorId = creator.id;
    links = [(await insertLink(db, creatorId, 'Shop')).id, (await insertLink(db, creatorId, 'Course')).id];
    hits = randomHits({ creatorId, links, from: start, to: end, count: 3000, random });
    await store.store(hits);
    conversions.push(...randomConversions(random, links, start, end, 600));
    await insertConversions(creatorId, conversions);
  });

  const ZONES = ['Europe/Berlin', 'Asia/Kathmandu', 'America/New_York', 'UTC'];

  // raw: nothing rolled up; rollups: everything; mixed: rolled up, then more conversions (their hours dirty)
  for (const state of ['raw', 'rollups', 'mixed'] as const) {
    describe(`read from ${state}`, () => {
      beforeAll(async () => {
        if (state !== 'raw') await rollups.rollDirty({ untilClean: true });
        if (state === 'mixed') {
          const more = randomConversions(random, links, start, end, 80);
          conversions.push(...more);
          await insertConversions(creatorId, more);
        }
        const [{ n }] = await db.query('SELECT count(*)::int AS n FROM conversion_dirty_hours WHERE creator_id = $1', [
          creatorId,
        ]);
        expect(n === 0).toBe(state === 'rollups');
      });

      for (const tz of ZONES) {
        it(`timeseries by day and overview with compare equal the recount, in ${tz}`, async () => {
          const clock = ZoneClock.of(tz);
          // 25 March to 5 April, local midnights: Berlin and New York change their clocks within
          const from = clock.startOf(Date.parse('2026-03-25T12:00:00Z'), 'day');
          const to = clock.startOf(Date.parse('2026-04-05T12:00:00Z'), 'day');
          const series = await client.get(
            `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'day' })}`,
          );
          expect(series.status).toBe(200);
          expect(series.body.points).toHaveLength(11);
          for (const point of series.body.points) {
            const day = point.t.slice(0, 10);
            const expected = tally(conversions.filter((c) => within(from, to)(c) && localKey(c.at, tz, 'day') === day));
            expect([day, tallyOf(point)]).toEqual([day, expected]);
          }

          const overview = await client.get(
            `/api/v1/analytics/overview?${query({ from: iso(from), to: iso(to), tz, compare: 'previous' })}`,
          );
          const current = tally(conversions.filter(within(from, to)));
          const previous = tally(conversions.filter(within(from - (to - from), from)));
          const clicks = hits.filter((h) => h.kind === 'click' && !h.isBot && h.at >= from && h.at < to).length;
          expect(overview.body.leads).toMatchObject({ value: current.leads, previous: previous.leads });
          expect(overview.body.sales).toMatchObject({ value: current.sales, previous: previous.sales });
          const revenue = Object.fromEntries(
            overview.body.revenue.map((m: { currency: string; value: number; previous: number }) => [m.currency, m.value]),
          );
          expect(Object.fromEntries(Object.entries(revenue).filter(([, v]) => v !== 0))).toEqual(current.revenue);
          expect(overview.body.conversionRate.value).toBeCloseTo(current.leads / clicks, 12);
          for (const { currency, value } of overview.body.revenuePerClick)
            expect(value).toBeCloseTo((current.revenue[currency] ?? 0) / clicks, 9);
        });
      }

      it('timeseries by hour across the +05:45 offset and the Berlin spring gap', async () => {
        for (const tz of ['Asia/Kathmandu', 'Europe/Berlin']) {
          const from = Date.parse('2026-03-28T20:15:00Z');
          const to = Date.parse('2026-03-29T05:45:00Z');
          const series = await client.get(
            `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'hour' })}`,
          );
          expect(series.status).toBe(200);
          let leads = 0;
          for (const point of series.body.points) {
            const hour = point.t.slice(0, 13);
            const expected = tally(conversions.filter((c) => within(from, to)(c) && localKey(c.at, tz, 'hour') === hour));
            expect([tz, hour, tallyOf(point)]).toEqual([tz, hour, expected]);
            leads += point.leads;
          }
          expect(leads).toBe(tally(conversions.filter(within(from, to))).leads);
        }
      });

      it('breakdowns by source and by link, of one link, and filtered by a country, equal the recount', async () => {
        const from = Date.parse('2026-03-21T18:15:00Z'); // a Kathmandu midnight
        const to = Date.parse('2026-04-04T18:15:00Z');
        const inRange = conversions.filter(within(from, to));
        const cases: {
          params: Record<string, string>;
          keep: (c: TestConversion) => boolean;
          valueOf: (c: TestConversion) => string;
        }[] = [
          { params: { by: 'source' }, keep: () => true, valueOf: (c) => c.source! },
          { params: { by: 'link' }, keep: () => true, valueOf: (c) => c.linkId! },
          { params: { by: 'referrer' }, keep: () => true, valueOf: (c) => c.referrerHost ?? '' },
          { params: { by: 'country', linkId: links[0] }, keep: (c) => c.linkId === links[0], valueOf: (c) => c.country! },
          { params: { by: 'source', country: 'DE' }, keep: (c) => c.country === 'DE', valueOf: (c) => c.source! },
          { params: { by: 'country', country: 'NP' }, keep: (c) => c.country === 'NP', valueOf: (c) => c.country! },
        ];
        for (const { params, keep, valueOf } of cases) {
          const reply = await client.get(
            `/api/v1/analytics/breakdown?${query({ from: iso(from), to: iso(to), limit: 100, ...params })}`,
          );
          expect(reply.status).toBe(200);
          const attributed = inRange.filter((c) => c.attributed && keep(c));
          const values = [...new Set(attributed.map(valueOf))];
          const expected = Object.fromEntries(
            values.map((value) => [value, tally(attributed.filter((c) => valueOf(c) === value))]),
          );
          const answered = Object.fromEntries(
            reply.body.rows
              .filter((row: { leads: number; sales: number }) => row.leads + row.sales > 0)
              .map((row: { value: string; leads: number; sales: number; revenue: [] }) => [row.value, tallyOf(row)]),
          );
          expect([params, answered]).toEqual([params, expected]);
          // the total counts the unattributed ones too, unless a link or filter asks for attributed ones
          const scoped = Object.keys(params).length > 1 ? inRange.filter((c) => c.attributed && keep(c)) : inRange;
          expect([params, tallyOf(reply.body.total)]).toEqual([params, tally(scoped)]);
        }
      });

      it('funnel: views, clicks, leads and sales, overall and by source, exactly', async () => {
        const from = Date.parse('2026-03-24T23:00:00Z'); // a Berlin midnight
        const to = Date.parse('2026-04-02T22:00:00Z'); // a Berlin midnight after the change to summer time
        const reply = await client.get(
          `/api/v1/analytics/funnel?${query({ from: iso(from), to: iso(to), tz: 'Europe/Berlin', by: 'source', limit: 100 })}`,
        );
        expect(reply.status).toBe(200);
        const counted = hits.filter((h) => h.at >= from && h.at < to).reduce(addHit, emptyCounts());
        const converted = tally(conversions.filter(within(from, to)));
        expect(reply.body.steps.map((s: { count: number }) => s.count)).toEqual([
          counted.views,
          counted.clicks,
          converted.leads,
          converted.sales,
        ]);
        expect(reply.body.steps[2].rateFromPrevious).toBeCloseTo(converted.leads / counted.clicks, 12);
        expect(reply.body.steps[3].rateFromFirst).toBeCloseTo(converted.sales / counted.views, 12);
        for (const row of reply.body.rows) {
          const rowHits = hits.filter((h) => h.at >= from && h.at < to && h.source === row.value).reduce(addHit, emptyCounts());
          const rowConversions = tally(conversions.filter((c) => within(from, to)(c) && c.attributed && c.source === row.value));
          expect([row.value, row.steps.map((s: { count: number }) => s.count)]).toEqual([
            row.value,
            [rowHits.views, rowHits.clicks, rowConversions.leads, rowConversions.sales],
          ]);
        }
        expect(reply.body.rows.map((row: { value: string }) => row.value).sort()).toEqual(
          [...new Set(hits.filter((h) => h.at >= from && h.at < to && !h.isBot).map((h) => h.source))].sort(),
        );
      });

      it('the conversions CSV lists each conversion of the range once', async () => {
        const from = Date.parse('2026-03-20T00:00:00Z');
        const to = Date.parse('2026-03-30T00:00:00Z');
        const reply = await client.get(
          `/api/v1/analytics/conversions.csv?${query({ from: iso(from), to: iso(to), tz: 'Asia/Kathmandu' })}`,
        );
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
        const [header, ...lines] = reply.text.trim().split('\r\n');
        const columns = header.split(',');
        expect(columns.slice(0, 4)).toEqual(['id', 'occurred_at', 'local_time', 'kind']);
        const rows = lines.map((line) => Object.fromEntries(line.split(',').map((field, i) => [columns[i], field])));
        const expected = conversions.filter(within(from, to));
        expect(rows.map((row) => row.id).sort()).toEqual(expected.map((c) => c.id).sort());
        const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
        expect(sum(rows.map((row) => Number(row.amount || 0)))).toBe(sum(expected.map((c) => c.amount ?? 0)));
        expect(rows.find((row) => row.local_time.endsWith('+05:45'))).toBeDefined();
      });
    });
  }
});

describe('conversion rollups follow every change of a conversion', () => {
  it('a conversion attributed later, and those of a deleted link, are recounted', async () => {
    const { client, id: creatorId } = await newCreator(api.url);
    const link = await client.post('/api/v1/links', { url: 'https://shop.example.com/' });
    const range = { from: '2026-05-01T00:00:00Z', to: '2026-05-08T00:00:00Z', tz: 'UTC' };
    const base: TestConversion = {
      id: randomUUID(),
      at: Date.parse('2026-05-03T10:20:00Z'),
      kind: 'sale',
      amount: 4900,
      currency: 'EUR',
      attributed: false,
      linkId: null,
      source: null,
      country: null,
      referrerHost: null,
    };
    await insertConversions(creatorId, [base, { ...base, id: randomUUID(), kind: 'lead', amount: null, currency: null }]);
    await rollups.rollDirty({ untilClean: true });
    const bySource = async () =>
      (await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'source' })}`)).body as {
        rows: { value: string; sales: number }[];
        total: { sales: number; leads: number };
      };
    expect(await bySource()).toMatchObject({ rows: [], total: { sales: 1, leads: 1 } });

    // the customer's lead arrives, and the sale is attributed to its click
    await db.query(
      `UPDATE conversions SET attributed = true, click_id = gen_random_uuid(), click_at = occurred_at, link_id = $2, source = 'instagram'
        WHERE id = $1`,
      [base.id, link.body.id],
    );
    for (const when of ['before the rollup', 'after it']) {
      const answer = await bySource();
      expect([when, answer.rows.map((row) => [row.value, row.sales])]).toEqual([when, [['instagram', 1]]]);
      await rollups.rollDirty({ untilClean: true });
    }

    // deleting the link deletes its conversions, and their counts
    expect((await client.delete(`/api/v1/links/${link.body.id}`)).status).toBe(204);
    for (const when of ['before the rollup', 'after it']) {
      const overview = await client.get(`/api/v1/analytics/overview?${query(range)}`);
      expect([when, overview.body.sales.value, overview.body.leads.value]).toEqual([when, 0, 1]);
      await rollups.rollDirty({ untilClean: true });
    }
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM conversion_rollup_daily WHERE creator_id = $1 AND dimension = 'total' AND sales > 0`,
      [creatorId],
    );
    expect(n).toBe(0);
  });

  it('refuses a bad funnel with a 400 naming the problem', async () => {
    const { client } = await newCreator(api.url);
    const cases: [string, string][] = [
      ['steps=click', 'a funnel has at least 2 steps'],
      ['steps=sale,lead', "steps must be in the funnel's order"],
      ['steps=click,signup', 'steps must be among view, click, lead, sale'],
      ['by=link', 'profile views belong to no link'],
      ['by=bot', 'by must be one of'],
      ['by=source&limit=0', 'limit must not be less than 1'],
    ];
    for (const [params, message] of cases) {
      const reply = await client.get(`/api/v1/analytics/funnel?${params}`);
      expect([params, reply.status]).toEqual([params, 400]);
      expect(JSON.stringify(reply.body.message)).toContain(message);
    }
    const ok = await client.get('/api/v1/analytics/funnel?steps=click,lead,sale&by=link');
    expect(ok.status).toBe(200);
    expect(ok.body.steps.map((s: { step: string }) => s.step)).toEqual(['click', 'lead', 'sale']);
  });
});

const iso = (ms: number): string => new Date(ms).toISOString();
