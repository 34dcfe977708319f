import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EnrichedHit } from '@app/common';
import type { EventStore } from '@app/events';
import { RollupService } from '@app/analytics';
import { DataSource } from 'typeorm';
import {
  addHit,
  type Counts,
  emptyCounts,
  insertLink,
  randomHits,
  seededRandom,
  unrolledHours,
  visitorsOf,
} from './support/random-events.js';
import { LiveHub } from '../apps/api/src/analytics/live.hub.js';
import { type ApiClient, newCreator } from './support/http-client.js';
import { type DirectStore, hitAt, openDirectStore } from './support/direct-store.js';
import { EventStreamReader } from './support/openapi.js';
import { eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const at = (iso: string): number => Date.parse(iso);
/** The conversion fields of a bucket or row without conversions (this data has none: test/conversion-analytics.e2e-spec.ts) */
const NO_SALES = { leads: 0, sales: 0, revenue: [] };
const iso = (ms: number): string => new Date(ms).toISOString();

let api: RunningApi;
let direct: DirectStore;
let db: DataSource;
let store: EventStore;
let rollups: RollupService;

beforeAll(async () => {
  api = await startApi();
  direct = await openDirectStore(4);
  ({ db, events: store, rollups } = direct);
});

afterAll(async () => {
  await direct.close();
  await api.close();
});

const query = (params: Record<string, string | number | undefined>): string =>
  new URLSearchParams(
    Object.entries(params)
      .filter((entry) => entry[1] !== undefined)
      .map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();

describe('analytics API on hand-computable data', () => {
  let client: ApiClient;
  let creatorId: string;
  let linkA: { id: string; slug: string };
  let linkB: { id: string; slug: string };
  const range = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z', tz: 'UTC' };

  beforeAll(async () => {
    const creator = await newCreator(api.url, { timezone: 'Europe/Berlin' });
    client = creator.client;
    creatorId = creator.id;
    linkA = await insertLink(db, creatorId, 'Spring sale');
    linkB = await insertLink(db, creatorId);
    const c = creatorId;
    await store.store([
      // Monday 2 March: 3 instagram clicks on A from Germany by 2 people, one click from the profile page, 2 views, a bot
      hitAt(c, '2026-03-02T10:05:00Z', {
        linkId: linkA.id,
        source: 'instagram',
        visitorId: 'p1',
        referrerHost: 'l.instagram.com',
      }),
      hitAt(c, '2026-03-02T10:06:00Z', {
        linkId: linkA.id,
        source: 'instagram',
        visitorId: 'p1',
        referrerHost: 'l.instagram.com',
      }),
      hitAt(c, '2026-03-02T10:50:00Z', { linkId: linkA.id, source: 'instagram', visitorId: 'p2', utmCampaign: 'spring, "big"' }),
      hitAt(c, '2026-03-02T11:00:00Z', {
        linkId: linkA.id,
        source: 'profile',
        via: 'profile',
        visitorId: 'p3',
        country: 'US',
        city: 'New York',
        region: 'New York',
      }),
      hitAt(c, '2026-03-02T11:30:00Z', { kind: 'view', visitorId: 'p3', country: 'US', city: 'New York', region: 'New York' }),
      hitAt(c, '2026-03-02T12:00:00Z', { kind: 'view', visitorId: 'p4' }),
      hitAt(c, '2026-03-02T12:01:00Z', {
        linkId: linkA.id,
        isBot: true,
        botName: 'Twitterbot',
        visitorId: 'b1',
        device: 'other',
      }),
      // Tuesday 3 March, 14:40: two tiktok clicks on B from France by one person, and a view
      hitAt(c, '2026-03-03T14:40:00Z', {
        linkId: linkB.id,
        source: 'tiktok',
        country: 'FR',
        region: 'Île-de-France',
        city: 'Paris',
        visitorId: 'p5',
        device: 'desktop',
      }),
      hitAt(c, '2026-03-03T14:41:00Z', {
        linkId: linkB.id,
        source: 'tiktok',
        country: 'FR',
        region: 'Île-de-France',
        city: 'Paris',
        visitorId: 'p5',
        device: 'desktop',
      }),
      hitAt(c, '2026-03-03T14:42:00Z', { kind: 'view', visitorId: 'p5', country: 'FR', region: 'Île-de-France', city: 'Paris' }),
      // the same person on Wednesday is a new visitor (a new day, a new visitor id)
      hitAt(c, '2026-03-04T09:00:00Z', { linkId: linkB.id, source: 'direct', visitorId: 'p5-next-day', country: 'FR' }),
      // the previous week: one click and one view
      hitAt(c, '2026-02-25T08:00:00Z', { linkId: linkA.id, source: 'x', visitorId: 'q1' }),
      hitAt(c, '2026-02-25T08:10:00Z', { kind: 'view', visitorId: 'q1' }),
    ]);
  });

  /** Every check below runs twice: from raw events (all hours dirty), then from the rollups. */
  for (const state of ['raw events', 'rollups'] as const) {
    describe(`read from ${state}`, () => {
      beforeAll(async () => {
        if (state === 'rollups') await rollups.rollDirty({ untilClean: true });
        const n = await unrolledHours(db, creatorId);
        expect(n > 0).toBe(state === 'raw events');
      });

      it('overview: clicks, views, visitors, CTR, bots, and the previous week', async () => {
        const reply = await client.get(`/api/v1/analytics/overview?${query({ ...range, compare: 'previous' })}`);
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({
          range: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', tz: 'UTC', linkId: null },
          previousRange: { from: '2026-02-23T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z', tz: 'UTC', linkId: null },
          clicks: { value: 7, previous: 1, change: 6 },
          profileViews: { value: 3, previous: 1, change: 2 },
          uniqueVisitors: { value: 6, previous: 1, change: 5 },
          ctr: { value: 1 / 3, previous: 0, change: null },
          botHits: { value: 1, previous: 0, change: null },
          leads: { value: 0, previous: 0, change: null },
          sales: { value: 0, previous: 0, change: null },
          revenue: [],
          conversionRate: { value: 0, previous: 0, change: null },
          revenuePerClick: [],
        });
      });

      it("overview of one link: its clicks, and its share of the page's views as CTR", async () => {
        const reply = await client.get(`/api/v1/analytics/overview?${query({ ...range, linkId: linkA.id })}`);
        expect(reply.body).toMatchObject({
          clicks: { value: 4 },
          profileViews: { value: 0 },
          uniqueVisitors: { value: 3 },
          ctr: { value: 1 / 3 },
          botHits: { value: 1 },
        });
      });

      it("defaults tz to the creator's zone", async () => {
        const reply = await client.get(`/api/v1/analytics/overview?${query({ from: range.from, to: range.to })}`);
        expect(reply.body.range.tz).toBe('Europe/Berlin');
      });

      it('timeseries by day, in Berlin time', async () => {
        const reply = await client.get(
          `/api/v1/analytics/timeseries?${query({ from: '2026-03-02T00:00:00+01:00', to: '2026-03-05T00:00:00+01:00', tz: 'Europe/Berlin', interval: 'day' })}`,
        );
        expect(reply.status).toBe(200);
        expect(reply.body.points).toEqual([
          { t: '2026-03-02T00:00:00+01:00', clicks: 4, profileViews: 2, botHits: 1, ...NO_SALES },
          { t: '2026-03-03T00:00:00+01:00', clicks: 2, profileViews: 1, botHits: 0, ...NO_SALES },
          { t: '2026-03-04T00:00:00+01:00', clicks: 1, profileViews: 0, botHits: 0, ...NO_SALES },
        ]);
      });

      it('timeseries by hour, and the previous period bucket by bucket', async () => {
        const reply = await client.get(
          `/api/v1/analytics/timeseries?${query({ from: '2026-03-02T10:00:00Z', to: '2026-03-02T13:00:00Z', tz: 'UTC', interval: 'hour', compare: 'previous' })}`,
        );
        expect(reply.body.points.map((p: { clicks: number }) => p.clicks)).toEqual([3, 1, 0]);
        expect(reply.body.points.map((p: { profileViews: number }) => p.profileViews)).toEqual([0, 1, 1]);
        expect(reply.body.previous).toEqual([
          { t: '2026-03-02T07:00:00+00:00', clicks: 0, profileViews: 0, botHits: 0, ...NO_SALES },
          { t: '2026-03-02T08:00:00+00:00', clicks: 0, profileViews: 0, botHits: 0, ...NO_SALES },
          { t: '2026-03-02T09:00:00+00:00', clicks: 0, profileViews: 0, botHits: 0, ...NO_SALES },
        ]);
      });

      it('timeseries by week (Monday first) and month', async () => {
        const weeks = await client.get(
          `/api/v1/analytics/timeseries?${query({ from: '2026-02-20T00:00:00Z', to: '2026-03-10T00:00:00Z', tz: 'UTC', interval: 'week' })}`,
        );
        expect(weeks.body.points).toEqual([
          { t: '2026-02-16T00:00:00+00:00', clicks: 0, profileViews: 0, botHits: 0, ...NO_SALES },
          { t: '2026-02-23T00:00:00+00:00', clicks: 1, profileViews: 1, botHits: 0, ...NO_SALES },
          { t: '2026-03-02T00:00:00+00:00', clicks: 7, profileViews: 3, botHits: 1, ...NO_SALES },
          { t: '2026-03-09T00:00:00+00:00', clicks: 0, profileViews: 0, botHits: 0, ...NO_SALES },
        ]);
        const months = await client.get(
          `/api/v1/analytics/timeseries?${query({ from: '2026-02-01T00:00:00Z', to: '2026-04-01T00:00:00Z', tz: 'UTC', interval: 'month' })}`,
        );
        expect(months.body.points.map((p: { t: string; clicks: number }) => [p.t, p.clicks])).toEqual([
          ['2026-02-01T00:00:00+00:00', 1],
          ['2026-03-01T00:00:00+00:00', 7],
        ]);
      });

      it('breakdown by source, with the rest summed and the totals', async () => {
        const reply = await client.get(
          `/api/v1/analytics/breakdown?${query({ ...range, by: 'source', limit: 2, compare: 'previous' })}`,
        );
        expect(reply.status).toBe(200);
        expect(reply.body.rows).toEqual([
          {
            value: 'direct',
            clicks: 1,
            profileViews: 3,
            botHits: 1,
            previousClicks: 0,
            previousProfileViews: 1,
            previousBotHits: 0,
            ...NO_SALES,
            conversionRate: 0,
            previousLeads: 0,
            previousSales: 0,
            previousRevenue: [],
          },
          {
            value: 'instagram',
            clicks: 3,
            profileViews: 0,
            botHits: 0,
            previousClicks: 0,
            previousProfileViews: 0,
            previousBotHits: 0,
            ...NO_SALES,
            conversionRate: 0,
            previousLeads: 0,
            previousSales: 0,
            previousRevenue: [],
          },
        ]);
        expect(reply.body.other).toEqual({ clicks: 3, profileViews: 0, values: 2, botHits: 0, ...NO_SALES });
        expect(reply.body.total).toEqual({ clicks: 7, profileViews: 3, botHits: 1, ...NO_SALES });
      });

      it('breakdown by link names the links, by country names the countries', async () => {
        const links = await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'link' })}`);
        expect(links.body.rows).toEqual([
          {
            value: linkA.id,
            label: `Spring sale (/${linkA.slug})`,
            clicks: 4,
            profileViews: 0,
            botHits: 1,
            ...NO_SALES,
            conversionRate: 0,
          },
          { value: linkB.id, label: `/${linkB.slug}`, clicks: 3, profileViews: 0, botHits: 0, ...NO_SALES, conversionRate: 0 },
        ]);
        const countries = await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'country' })}`);
        expect(
          countries.body.rows.map((r: { value: string; label: string; clicks: number }) => [r.value, r.label, r.clicks]),
        ).toEqual([
          ['DE', 'Germany', 3],
          ['FR', 'France', 3],
          ['US', 'United States', 1],
        ]);
      });

      it('breakdown of referrers and campaigns reports the missing value as empty, bots by name', async () => {
        const referrers = await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'referrer' })}`);
        expect(referrers.body.rows.map((r: { value: string; clicks: number }) => [r.value, r.clicks])).toEqual([
          ['', 5],
          ['l.instagram.com', 2],
        ]);
        const bots = await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'bot' })}`);
        expect(bots.body.rows).toEqual([
          { value: 'Twitterbot', clicks: 0, profileViews: 0, botHits: 1, ...NO_SALES, conversionRate: null },
        ]);
      });

      it('drill-down filters, one and several', async () => {
        const one = await client.get(`/api/v1/analytics/overview?${query({ ...range, country: 'FR' })}`);
        expect(one.body).toMatchObject({ clicks: { value: 3 }, profileViews: { value: 1 }, uniqueVisitors: { value: 2 } });
        const two = await client.get(`/api/v1/analytics/overview?${query({ ...range, country: 'DE', source: 'instagram' })}`);
        expect(two.body).toMatchObject({ clicks: { value: 3 }, profileViews: { value: 0 }, uniqueVisitors: { value: 2 } });
        const withLink = await client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'device', linkId: linkB.id })}`);
        expect(withLink.body.rows.map((r: { value: string; clicks: number }) => [r.value, r.clicks])).toEqual([
          ['desktop', 2],
          ['mobile', 1],
        ]);
        const none = await client.get(
          `/api/v1/analytics/breakdown?${query({ ...range, by: 'utm_campaign', utm_campaign: 'spring, "big"' })}`,
        );
        expect(none.body.rows).toEqual([
          { value: 'spring, "big"', clicks: 1, profileViews: 0, botHits: 0, ...NO_SALES, conversionRate: 0 },
        ]);
      });

      it('time patterns: weekday × hour in the zone', async () => {
        const reply = await client.get(`/api/v1/analytics/time-patterns?${query({ ...range, tz: 'Asia/Kathmandu' })}`);
        expect(reply.status).toBe(200);
        const { matrix } = reply.body as { matrix: number[][] };
        expect(matrix).toHaveLength(7);
        expect(matrix.every((row) => row.length === 24)).toBe(true);
        // Monday 10:05Z = 15:50 in Kathmandu; 10:50Z = 16:35; 11:00Z = 16:45; 11:30Z = 17:15; 12:00Z = 17:45
        expect(matrix[0][15]).toBe(2);
        expect(matrix[0][16]).toBe(2);
        expect(matrix[0][17]).toBe(2);
        // Tuesday 14:40Z = 20:25; Wednesday 09:00Z = 14:45
        expect(matrix[1][20]).toBe(3);
        expect(matrix[2][14]).toBe(1);
        expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(10);
        const compared = await client.get(`/api/v1/analytics/time-patterns?${query({ ...range, compare: 'previous' })}`);
        expect(compared.body.matrix).toEqual((await client.get(`/api/v1/analytics/time-patterns?${query(range)}`)).body.matrix);
        // the previous week: Wednesday 25 February, 08:00 and 08:10 UTC
        expect(compared.body.previous[2][8]).toBe(2);
        expect(compared.body.previous.flat().reduce((a: number, b: number) => a + b, 0)).toBe(2);
      });

      it('exports the raw events as CSV', async () => {
        const reply = await client.get(`/api/v1/analytics/export.csv?${query({ ...range, tz: 'Europe/Berlin' })}`);
        expect(reply.status).toBe(200);
        expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(reply.headers.get('content-disposition')).toBe(
          'attachment; filename="linkpulse-events-2026-03-02-to-2026-03-08.csv"',
        );
        const lines = reply.text.split('\r\n');
        expect(lines[0]).toBe(
          'id,occurred_at,local_time,kind,link_id,link_slug,is_bot,bot_name,visitor_id,source,referrer_host,utm_source,utm_medium,utm_campaign,utm_term,utm_content,country,region,city,device,browser,os,via',
        );
        expect(lines).toHaveLength(1 + 11 + 1);
        expect(lines[12]).toBe('');
        expect(lines[1]).toContain(',2026-03-02T10:05:00.000Z,2026-03-02T11:05:00+01:00,click,');
        expect(reply.text).toContain(',"spring, ""big""",');
        const filtered = await client.get(`/api/v1/analytics/export.csv?${query({ ...range, linkId: linkB.id })}`);
        expect(filtered.text.trim().split('\r\n')).toHaveLength(1 + 3);
      });
    });
  }
});

/** The raw recount in a zone, by local date, with Intl only (no code under test). */
function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
];

/** Each full check asks about a hundred questions; on a machine shared with other test runs that takes a while. */
const CHECK_TIMEOUT = 240_000;

describe('every day in every zone equals a recount of the raw events', () => {
  let client: ApiClient;
  let creatorId: string;
  let links: string[];
  const hits: EnrichedHit[] = [];
  // both DST seasons: March/April (New York and St John's on 8 March, Berlin 29 March, Lord Howe
  // 5 April) and October/November (Lord Howe 4 October, Berlin 25 October, New York 1 November)
  // and the last two days, whose events the rollup job adds to the rollups as they come
  const windows: [number, number][] = [
    [at('2026-03-04T00:00:00Z'), at('2026-04-09T00:00:00Z')],
    [at('2026-10-01T00:00:00Z'), at('2026-11-04T00:00:00Z')],
    [Math.floor(Date.now() / 3_600_000) * 3_600_000 - 40 * 3_600_000, Date.now()],
  ];
  /** Filtered breakdowns (the dashboard's drill-downs), and one by the filter's own dimension. */
  const drillDowns: {
    filter: [string, string];
    keep: (h: EnrichedHit) => boolean;
    by: string;
    valueOf: (h: EnrichedHit) => string | null;
  }[] = [
    { filter: ['source', 'instagram'], keep: (h) => h.source === 'instagram', by: 'country', valueOf: (h) => h.country },
    { filter: ['country', 'US'], keep: (h) => h.country === 'US', by: 'source', valueOf: (h) => h.source },
    { filter: ['device', 'mobile'], keep: (h) => h.device === 'mobile', by: 'city', valueOf: (h) => h.city },
    {
      filter: ['referrer', ''],
      keep: (h) => h.referrerHost === null,
      by: 'bot',
      valueOf: (h) => (h.isBot ? (h.botName ?? 'unknown') : null),
    },
    { filter: ['via', 'profile'], keep: (h) => h.via === 'profile', by: 'link', valueOf: (h) => h.linkId },
    { filter: ['source', 'tiktok'], keep: (h) => h.source === 'tiktok', by: 'source', valueOf: (h) => h.source },
  ];

  beforeAll(async () => {
    const creator = await newCreator(api.url);
    client = creator.client;
    creatorId = creator.id;
    links = [(await insertLink(db, creatorId)).id, (await insertLink(db, creatorId)).id];
    const random = seededRandom(2026);
    for (const [from, to] of windows) hits.push(...randomHits({ creatorId, links, from, to, count: 3000, random }));
    for (let i = 0; i < hits.length; i += 1000) await store.store(hits.slice(i, i + 1000));
  });

  /** `count` more events in every window, each window's batch delivered once more in part. */
  async function storeLateEvents(seed: number, count: number): Promise<void> {
    const random = seededRandom(seed);
    for (const [from, to] of windows) {
      const late = randomHits({ creatorId, links, from, to, count, random });
      hits.push(...late);
      await store.store(late);
      await store.store(late.slice(0, 10)); // a batch delivered again
    }
  }

  async function checkEveryDay(label: string): Promise<void> {
    const random = seededRandom(label.length);
    for (const tz of ZONES) {
      for (const [windowFrom, windowTo] of windows) {
        // ragged edges on purpose: a random minute, not a day or quarter boundary
        const from = windowFrom + Math.floor(random() * 600) * 60_000 + 17_000;
        const to = windowTo - Math.floor(random() * 600) * 60_000;
        const inRange = hits.filter((h) => h.at >= from && h.at < to);
        const expected = new Map<string, Counts>();
        for (const h of inRange) {
          const day = localDate(h.at, tz);
          expected.set(day, addHit(expected.get(day) ?? emptyCounts(), h));
        }
        const reply = await client.get(
          `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'day' })}`,
        );
        expect(reply.status).toBe(200);
        const days = reply.body.points as { t: string; clicks: number; profileViews: number; botHits: number }[];
        expect(days.length).toBe(new Set([localDate(from, tz), localDate(to - 1, tz), ...expected.keys()]).size);
        for (const point of days) {
          const want = expected.get(point.t.slice(0, 10)) ?? emptyCounts();
          expect(`${tz} ${label} ${point.t}: ${point.clicks}/${point.profileViews}/${point.botHits}`).toBe(
            `${tz} ${label} ${point.t}: ${want.clicks}/${want.views}/${want.botHits}`,
          );
        }
        const overview = await client.get(`/api/v1/analytics/overview?${query({ from: iso(from), to: iso(to), tz })}`);
        const total = inRange.reduce((counts, h) => addHit(counts, h), emptyCounts());
        expect(overview.body).toMatchObject({
          clicks: { value: total.clicks },
          profileViews: { value: total.views },
          botHits: { value: total.botHits },
          uniqueVisitors: { value: visitorsOf(inRange) },
        });
        const patterns = await client.get(`/api/v1/analytics/time-patterns?${query({ from: iso(from), to: iso(to), tz })}`);
        const cells = new Map<string, number>();
        const weekdayHour = new Intl.DateTimeFormat('en-US', {
          timeZone: tz,
          weekday: 'short',
          hour: 'numeric',
          hourCycle: 'h23',
        });
        for (const h of inRange) {
          if (h.isBot) continue;
          const parts = weekdayHour.formatToParts(h.at);
          const key = `${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((p) => p.type === 'weekday')!.value)} ${Number(parts.find((p) => p.type === 'hour')!.value)}`;
          cells.set(key, (cells.get(key) ?? 0) + 1);
        }
        const matrix = patterns.body.matrix as number[][];
        for (let d = 0; d < 7; d++)
          for (let h = 0; h < 24; h++)
            expect(`${tz} ${d} ${h}: ${matrix[d][h]}`).toBe(`${tz} ${d} ${h}: ${cells.get(`${d} ${h}`) ?? 0}`);
        // two drill-downs per zone and window, in turn, with the previous period (before the data: zeros)
        for (const drill of [
          drillDowns[ZONES.indexOf(tz) % drillDowns.length],
          drillDowns[(ZONES.indexOf(tz) + 3) % drillDowns.length],
        ]) {
          const expected = new Map<string, Counts>();
          for (const h of inRange) {
            const value = drill.keep(h) ? drill.valueOf(h) : null;
            if (value !== null) expected.set(value, addHit(expected.get(value) ?? emptyCounts(), h));
          }
          const reply = await client.get(
            `/api/v1/analytics/breakdown?${query({ from: iso(from), to: iso(to), tz, by: drill.by, [drill.filter[0]]: drill.filter[1], limit: 100 })}`,
          );
          expect(reply.status).toBe(200);
          const rows = reply.body.rows as { value: string; clicks: number; profileViews: number; botHits: number }[];
          const summary = (entries: [string, string][]) =>
            `${tz} ${label} ${drill.filter.join('=')} by ${drill.by}: ${JSON.stringify(Object.fromEntries(entries.sort()))}`;
          expect(summary(rows.map((r) => [r.value, `${r.clicks}/${r.profileViews}/${r.botHits}`]))).toBe(
            summary([...expected].map(([value, c]) => [value, `${c.clicks}/${c.views}/${c.botHits}`])),
          );
        }
      }
    }
  }

  it(
    'with every hour dirty (raw events only)',
    async () => {
      await checkEveryDay('dirty');
    },
    CHECK_TIMEOUT,
  );

  it(
    'with everything rolled up',
    async () => {
      await rollups.rollDirty({ untilClean: true });
      await checkEveryDay('rolled');
    },
    CHECK_TIMEOUT,
  );

  it(
    'with late events rolled up too (added to the recent days, old days rebuilt), and a run again',
    async () => {
      await storeLateEvents(78, 30);
      await rollups.rollDirty({ untilClean: true });
      await rollups.rollDirty({ untilClean: true });
      expect(await unrolledHours(db, creatorId)).toBe(0);
      await checkEveryDay('late, rolled');
    },
    CHECK_TIMEOUT,
  );

  it(
    'with some hours dirty again after late events',
    async () => {
      await storeLateEvents(77, 40);
      const n = await unrolledHours(db, creatorId);
      expect(n).toBeGreaterThan(20);
      await checkEveryDay('partly dirty');
    },
    CHECK_TIMEOUT,
  );

  it('hour by hour across the DST days, and per week and month', async () => {
    for (const tz of ['Europe/Berlin', 'Australia/Lord_Howe', 'America/St_Johns']) {
      const [from, to] = windows[1];
      const hourly = await client.get(
        `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'hour' })}`,
      );
      const weekly = await client.get(
        `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'week' })}`,
      );
      const monthly = await client.get(
        `/api/v1/analytics/timeseries?${query({ from: iso(from), to: iso(to), tz, interval: 'month' })}`,
      );
      const inRange = hits.filter((h) => h.at >= from && h.at < to && !h.isBot && h.kind === 'click').length;
      for (const reply of [hourly, weekly, monthly]) {
        expect(reply.body.points.reduce((sum: number, p: { clicks: number }) => sum + p.clicks, 0)).toBe(inRange);
      }
      // every hour bucket starts on the hour of its zone's clock (or where the clock jumped)
      const labels = (hourly.body.points as { t: string }[]).map((p) => p.t);
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels.filter((t) => !/T\d\d:00:00/.test(t)).length).toBeLessThanOrEqual(tz === 'Australia/Lord_Howe' ? 1 : 0);
    }
  });

  it(
    'drill-down filters equal the recount too',
    async () => {
      const [from, to] = windows[0];
      const cases: [Record<string, string>, (h: EnrichedHit) => boolean][] = [
        [{ source: 'instagram' }, (h) => h.source === 'instagram'],
        [{ country: 'NP' }, (h) => h.country === 'NP'],
        [{ referrer: '' }, (h) => h.referrerHost === null],
        [{ linkId: links[0] }, (h) => h.linkId === links[0]],
        [{ linkId: links[1], device: 'mobile' }, (h) => h.linkId === links[1] && h.device === 'mobile'],
        [{ via: 'profile', os: 'iOS' }, (h) => h.via === 'profile' && h.os === 'iOS'],
      ];
      for (const tz of ['Asia/Kathmandu', 'America/New_York']) {
        for (const [filters, keep] of cases) {
          const inRange = hits.filter((h) => h.at >= from + 7 * 60_000 && h.at < to && keep(h));
          const total = inRange.reduce((counts, h) => addHit(counts, h), emptyCounts());
          const reply = await client.get(
            `/api/v1/analytics/overview?${query({ from: iso(from + 7 * 60_000), to: iso(to), tz, ...filters })}`,
          );
          expect([
            JSON.stringify(filters),
            reply.body.clicks.value,
            reply.body.botHits.value,
            reply.body.uniqueVisitors.value,
          ]).toEqual([JSON.stringify(filters), total.clicks, total.botHits, visitorsOf(inRange)]);
          const days = await client.get(
            `/api/v1/analytics/timeseries?${query({ from: iso(from + 7 * 60_000), to: iso(to), tz, ...filters })}`,
          );
          expect(days.body.points.reduce((sum: number, p: { profileViews: number }) => sum + p.profileViews, 0)).toBe(
            total.views,
          );
        }
        const breakdownFrom = from + 7 * 60_000;
        for (const linkId of [undefined, links[1]]) {
          for (const by of ['city', 'source', 'bot'] as const) {
            const breakdown = await client.get(
              `/api/v1/analytics/breakdown?${query({ from: iso(breakdownFrom), to: iso(to), tz, by, linkId, limit: 100 })}`,
            );
            const expected = new Map<string, Counts>();
            for (const h of hits) {
              if (h.at < breakdownFrom || h.at >= to || (linkId && h.linkId !== linkId)) continue;
              const value = by === 'city' ? h.city : by === 'source' ? h.source : h.isBot ? (h.botName ?? 'unknown') : null;
              if (value !== null) expected.set(value, addHit(expected.get(value) ?? emptyCounts(), h));
            }
            const rows = breakdown.body.rows as { value: string; clicks: number; profileViews: number; botHits: number }[];
            expect([
              by,
              linkId,
              Object.fromEntries(rows.map((r) => [r.value, `${r.clicks}/${r.profileViews}/${r.botHits}`])),
            ]).toEqual([
              by,
              linkId,
              Object.fromEntries([...expected].map(([value, c]) => [value, `${c.clicks}/${c.views}/${c.botHits}`])),
            ]);
          }
        }
      }
    },
    CHECK_TIMEOUT,
  );
});

describe('validation', () => {
  let client: ApiClient;

  beforeAll(async () => {
    client = (await newCreator(api.url)).client;
  });

  it.each([
    ['from after to', { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, /from must be before to/],
    ['from equal to', { from: '2026-03-02T00:00:00Z', to: '2026-03-02T00:00:00Z' }, /from must be before to/],
    ['more than 400 days', { from: '2025-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, /at most 400 days/],
    ['a date without offset', { from: '2026-03-01T00:00:00', to: '2026-03-02T00:00:00Z' }, /ISO 8601/],
    ['a date only', { from: '2026-03-01', to: '2026-03-02T00:00:00Z' }, /ISO 8601/],
    ['an impossible date', { from: '2026-02-30T00:00:00Z', to: '2026-03-02T00:00:00Z' }, /ISO 8601/],
    ['an unknown zone', { tz: 'Mars/Olympus_Mons' }, /IANA/],
    ['an offset as zone', { tz: '+02:00' }, /IANA/],
    ['a bad link id', { linkId: 'abc' }, /linkId must be a UUID/],
    ['a bad comparison', { compare: 'last-year' }, /compare/],
    ['an unknown parameter', { colour: 'red' }, /colour should not exist/],
    ['the year 1900', { from: '1900-01-01T00:00:00Z', to: '1900-01-02T00:00:00Z' }, /between the years 2000 and 2100/],
  ])('refuses %s with a 400', async (_, params, message) => {
    const reply = await client.get(`/api/v1/analytics/overview?${query(params)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('Bad Request');
    expect(JSON.stringify(reply.body.message)).toMatch(message);
  });

  it.each([
    ['timeseries?interval=year', /interval must be one of/],
    ['breakdown?by=planet', /by must be one of/],
    ['breakdown', /by must be one of/],
    ['breakdown?by=source&limit=0', /limit must not be less than 1/],
    ['breakdown?by=source&limit=101', /limit must not be greater than 100/],
    ['breakdown?by=source&limit=ten', /limit must be an integer/],
    ['live?linkId=nope', /linkId must be a UUID/],
    ['export.csv?to=2026-13-01T00:00:00Z', /ISO 8601/],
  ])('refuses %s with a 400', async (path, message) => {
    const reply = await client.get(`/api/v1/analytics/${path}`);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.message)).toMatch(message);
  });

  it('asks for a sign-in', async () => {
    const reply = await fetch(`${api.url}/api/v1/analytics/overview`);
    expect(reply.status).toBe(401);
  });

  it('documents every endpoint in OpenAPI', async () => {
    const reply = await fetch(`${api.url}/api/docs/openapi.json`);
    const document = (await reply.json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    for (const path of ['overview', 'timeseries', 'breakdown', 'time-patterns', 'live', 'export.csv']) {
      expect(Object.keys(document.paths)).toContain(`/api/v1/analytics/${path}`);
    }
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'OverviewResponseDto',
        'TimeseriesResponseDto',
        'BreakdownResponseDto',
        'TimePatternsResponseDto',
        'LiveEventDto',
      ]),
    );
  });
});

describe('isolation between creators', () => {
  it("never shows one creator's data to another", async () => {
    const owner = await newCreator(api.url);
    const other = await newCreator(api.url);
    const link = await insertLink(db, owner.id);
    await store.store([
      hitAt(owner.id, '2026-05-05T10:00:00Z', { linkId: link.id }),
      hitAt(owner.id, '2026-05-05T11:00:00Z', { kind: 'view' }),
    ]);
    const range = { from: '2026-05-01T00:00:00Z', to: '2026-05-10T00:00:00Z', tz: 'UTC' };

    expect((await owner.client.get(`/api/v1/analytics/overview?${query(range)}`)).body.clicks.value).toBe(1);
    const overview = await other.client.get(`/api/v1/analytics/overview?${query(range)}`);
    expect(overview.body).toMatchObject({ clicks: { value: 0 }, profileViews: { value: 0 }, uniqueVisitors: { value: 0 } });
    const breakdown = await other.client.get(`/api/v1/analytics/breakdown?${query({ ...range, by: 'link' })}`);
    expect(breakdown.body.rows).toEqual([]);
    const series = await other.client.get(`/api/v1/analytics/timeseries?${query(range)}`);
    expect(series.body.points.every((p: { clicks: number; profileViews: number }) => p.clicks + p.profileViews === 0)).toBe(true);
    const patterns = await other.client.get(`/api/v1/analytics/time-patterns?${query(range)}`);
    expect(patterns.body.matrix.flat().every((n: number) => n === 0)).toBe(true);
    const csv = await other.client.get(`/api/v1/analytics/export.csv?${query(range)}`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);

    for (const path of ['overview', 'timeseries', 'breakdown', 'time-patterns', 'export.csv', 'live']) {
      const params =
        path === 'live' ? { linkId: link.id } : { ...range, linkId: link.id, ...(path === 'breakdown' ? { by: 'source' } : {}) };
      const reply = await other.client.get(`/api/v1/analytics/${path}?${query(params)}`);
      expect(`${path} ${reply.status}`).toBe(`${path} 404`);
      expect(reply.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Link not found' });
    }
  });
});

describe('live stream', () => {
  it('receives a click within 2 seconds, and only the asked link', async () => {
    // the worker's first rollup run would otherwise be busy with the other tests' data
    await rollups.rollDirty({ untilClean: true });
    const worker = await startWorker();
    const creator = await newCreator(api.url);
    const link = await creator.client.post('/api/v1/links', { url: 'https://example.com/live', slug: `live${Date.now() % 1e8}` });
    expect(link.status).toBe(201);
    const other = await insertLink(db, creator.id);
    const cookie = (creator.client as unknown as { cookie: string }).cookie;
    const abort = new AbortController();
    try {
      const stream = await fetch(`${api.url}/api/v1/analytics/live?linkId=${link.body.id}`, {
        headers: { cookie },
        signal: abort.signal,
      });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = stream.body!.getReader();
      let received = '';
      const read = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += new TextDecoder().decode(value);
        }
      })().catch(() => undefined);
      await eventually(async () => received.includes(': connected'), 2000, 'the stream to open');
      // a stream of every link of the creator, opened after the filtered one: the hub hands each
      // event to the filtered stream first, so once this one has the other link's click, the
      // filtered stream has written it already, if it was going to
      const witness = await EventStreamReader.open(`${api.url}/api/v1/analytics/live`, { cookie });
      await eventually(async () => witness.text.includes(': connected'), 2000, 'the witness stream to open');

      await fetch(`${api.url}/${other.slug}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148' },
      });
      await eventually(
        async () => witness.events<{ linkId: string }>().some((event) => event.linkId === other.id),
        5000,
        'the other link’s click on the witness stream',
      );
      await witness.close();
      const clickedAt = Date.now();
      const redirect = await fetch(`${api.url}/${link.body.slug}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148' },
      });
      expect(redirect.status).toBe(302);
      const line = await eventually(
        async () => received.split('\n').find((l) => l.startsWith('data: ')),
        2000,
        'the click on the stream',
      );
      expect(Date.now() - clickedAt).toBeLessThan(2000);
      const event = JSON.parse(line.slice(6));
      expect(event).toMatchObject({ kind: 'click', linkId: link.body.id, device: 'mobile' });
      // the other link's click came before this one on the channel, and was not sent on this stream
      expect(received.split('\n').filter((l) => l.startsWith('data: '))).toHaveLength(1);
      const hub = api.app.get(LiveHub);
      expect(hub.channelCount).toBeGreaterThanOrEqual(1);
      abort.abort();
      await read;
      // closing the stream unsubscribes from the creator's channel
      await eventually(async () => hub.channelCount === 0, 2000, 'the unsubscribe');
    } finally {
      abort.abort();
      await worker.close();
    }
  });
});

describe('timeseries compare for a range ending now, as the dashboard asks it', () => {
  // Asia/Kolkata (+05:30): from is a local midnight, to is "now" to the minute, so the range's
  // length is not a whole number of days and the previous period starts mid-day.
  const from = '2026-02-28T18:30:00Z'; // 1 March 00:00 in Kolkata
  const to = '2026-03-04T09:46:00Z';
  let client: ApiClient;

  beforeAll(async () => {
    const creator = await newCreator(api.url, { timezone: 'Asia/Kolkata' });
    client = creator.client;
    await store.store([
      hitAt(creator.id, '2026-02-25T03:10:00Z'), // before the previous period [from − length, from) = [25 Feb 03:14Z, from)
      hitAt(creator.id, '2026-02-25T03:20:00Z'), // 25 Feb, local
      hitAt(creator.id, '2026-02-26T10:00:00Z'), // 26 Feb
      hitAt(creator.id, '2026-02-27T20:00:00Z'), // 28 Feb 01:30 local
      hitAt(creator.id, '2026-02-28T18:29:00Z'), // 28 Feb 23:59 local: the last minute of the previous period
      hitAt(creator.id, '2026-03-02T12:00:00Z'), // 2 March 17:30 local
    ]);
  });

  for (const state of ['raw', 'rollups'] as const) {
    it(`cuts the previous period at its own local days, bucket for bucket (${state})`, async () => {
      if (state === 'rollups') await rollups.rollDirty({ untilClean: true });
      const reply = await client.get(`/api/v1/analytics/timeseries?${query({ from, to, interval: 'day', compare: 'previous' })}`);
      expect(reply.status).toBe(200);
      expect(reply.body.points.map((p: { t: string; clicks: number }) => [p.t, p.clicks])).toEqual([
        ['2026-03-01T00:00:00+05:30', 0],
        ['2026-03-02T00:00:00+05:30', 1],
        ['2026-03-03T00:00:00+05:30', 0],
        ['2026-03-04T00:00:00+05:30', 0],
      ]);
      expect(reply.body.previous.map((p: { t: string; clicks: number }) => [p.t, p.clicks])).toEqual([
        ['2026-02-25T00:00:00+05:30', 1],
        ['2026-02-26T00:00:00+05:30', 1],
        ['2026-02-27T00:00:00+05:30', 0],
        ['2026-02-28T00:00:00+05:30', 2],
      ]);
      const overview = await client.get(`/api/v1/analytics/overview?${query({ from, to, compare: 'previous' })}`);
      expect(overview.body.clicks).toMatchObject({ value: 1, previous: 4 });
    });
  }
});
