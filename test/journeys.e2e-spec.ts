import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seededRandom, ZoneClock } from '@app/analytics';
import { type AppConfig, type CapturedConversion, type EnrichedHit, uuidV7 } from '@app/common';
import { ConversionStore, conversionId } from '@app/conversions';
import type { EventStore } from '@app/events';
import { type DirectStore, hitAt, openDirectStore } from './support/direct-store.js';
import { type ApiClient, newCreator } from './support/http-client.js';
import { type RunningApi, startApi } from './support/stack.js';

/*
 * Journeys, paths, segments and customers (SPEC section 9) over events and conversions stored
 * straight through the worker's own stores, at known instants, so every answer is checked against
 * a recount of what was stored.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let api: RunningApi;
let store: DirectStore;
let events: EventStore;
let conversions: ConversionStore;

beforeAll(async () => {
  api = await startApi();
  store = await openDirectStore();
  events = store.events;
  conversions = new ConversionStore(store.db, { attributionDays: 90 } as AppConfig);
});

afterAll(async () => {
  await store.close();
  await api.close();
});

interface HitFields {
  kind: 'click' | 'view';
  at: number;
  visitorId: string;
  linkId?: string | null;
  source?: string;
  isBot?: boolean;
}

function hit(creatorId: string, fields: HitFields): EnrichedHit {
  return hitAt(creatorId, fields.at, {
    kind: fields.kind,
    visitorId: fields.visitorId,
    linkId: fields.kind === 'click' ? (fields.linkId ?? null) : null,
    source: fields.source ?? 'instagram',
    isBot: fields.isBot ?? false,
    botName: fields.isBot ? 'Slackbot' : null,
    via: fields.kind === 'click' && fields.source === 'profile' ? 'profile' : 'direct',
  });
}

let keys = 0;

function conversion(
  creatorId: string,
  kind: 'lead' | 'sale',
  at: number,
  fields: { clickId?: string | null; customerId: string; amount?: number },
): CapturedConversion {
  const key = `key-${process.pid}-${keys++}`;
  return {
    id: conversionId(creatorId, kind, key, at),
    at,
    creatorId,
    kind,
    dedupKey: key,
    eventName: kind === 'lead' ? 'Sign up' : 'Purchase',
    eventId: key,
    invoiceId: null,
    customerId: fields.customerId,
    clickId: fields.clickId ?? null,
    amount: kind === 'sale' ? (fields.amount ?? 1000) : null,
    currency: kind === 'sale' ? 'EUR' : null,
    metadata: null,
  };
}

async function link(client: ApiClient, title: string | null, slug: string): Promise<{ id: string; label: string }> {
  const reply = await client.post('/api/v1/links', {
    url: `https://shop.example.com/${slug}`,
    slug,
    ...(title ? { title } : {}),
  });
  expect(reply.status).toBe(201);
  return { id: reply.body.id, label: title ? `${title} (/${slug})` : `/${slug}` };
}

const range = (from: number, to: number, extra = ''): string =>
  `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}${extra}`;

const iso = (at: number): string => new Date(at).toISOString();

describe('a visit and its steps', () => {
  const tz = 'America/New_York';
  const clock = ZoneClock.of(tz);
  let creator: { client: ApiClient; id: string };
  let shop: { id: string; label: string };
  let course: { id: string; label: string };
  let day: number;
  let nextDay: number;
  const suffix = `${process.pid}${Date.now() % 100000}`;

  beforeAll(async () => {
    creator = await newCreator(api.url, { timezone: tz });
    shop = await link(creator.client, 'Shop', `shop-${suffix}`);
    course = await link(creator.client, null, `course-${suffix}`);
    day = clock.startOf(Date.now() - 5 * DAY, 'day');
    nextDay = clock.boundaries(day, day + 2 * DAY, 'day')[0];
    const t = day + 10 * HOUR;
    const stored = [
      hit(creator.id, { kind: 'view', at: t, visitorId: 'v-full', source: 'instagram' }),
      hit(creator.id, { kind: 'click', at: t + MINUTE, visitorId: 'v-full', linkId: shop.id, source: 'profile' }),
      hit(creator.id, {
        kind: 'click',
        at: t + 2 * MINUTE,
        visitorId: 'v-full',
        linkId: shop.id,
        source: 'profile',
        isBot: true,
      }),
      hit(creator.id, { kind: 'click', at: t + 3 * MINUTE, visitorId: 'v-full', linkId: course.id, source: 'profile' }),
      hit(creator.id, { kind: 'view', at: t + 2 * HOUR, visitorId: 'v-view', source: 'tiktok' }),
      // 23:30 and 00:30 in New York: one UTC day, two days of the creator
      hit(creator.id, { kind: 'click', at: nextDay - 30 * MINUTE, visitorId: 'v-night', linkId: shop.id, source: 'x' }),
      hit(creator.id, { kind: 'click', at: nextDay + 30 * MINUTE, visitorId: 'v-night', linkId: course.id, source: 'x' }),
    ];
    await events.store(stored);
    const courseClick = stored[3].id;
    await conversions.store([conversion(creator.id, 'lead', t + 5 * MINUTE, { clickId: courseClick, customerId: 'cus_full' })]);
    await conversions.store([conversion(creator.id, 'sale', t + 9 * MINUTE, { customerId: 'cus_full', amount: 4900 })]);
    // two days later the customer comes back through the shop link and buys again
    const later = clock.startOf(day + 2 * DAY + 12 * HOUR, 'day') + 9 * HOUR;
    const back = hit(creator.id, { kind: 'click', at: later, visitorId: 'v-back', linkId: shop.id, source: 'youtube' });
    await events.store([back]);
    await conversions.store([
      conversion(creator.id, 'sale', later + 2 * MINUTE, { clickId: back.id, customerId: 'cus_full', amount: 1500 }),
    ]);
    // a lead whose click is unknown: kept, unattributed
    await conversions.store([conversion(creator.id, 'lead', later + HOUR, { clickId: uuidV7(later), customerId: 'cus_lost' })]);
  });

  it("lists the day's visits newest first, each step in order with its link and source, bots left out", async () => {
    const reply = await creator.client.get(`/api/v1/analytics/journeys?${range(day, nextDay)}`);
    expect(reply.status).toBe(200);
    expect(reply.body.range.tz).toBe(tz);
    expect(reply.body.nextCursor).toBeNull();
    const t = day + 10 * HOUR;
    const date = clock.iso(day).slice(0, 10);
    expect(reply.body.visits.map((v: { day: string; segment: string; start: string }) => [v.day, v.segment, v.start])).toEqual([
      [date, 'clicked', iso(nextDay - 30 * MINUTE)],
      [date, 'viewed', iso(t + 2 * HOUR)],
      [date, 'converted', iso(t)],
    ]);
    const full = reply.body.visits[2];
    expect(full).toMatchObject({ source: 'instagram', country: 'DE', device: 'mobile', end: iso(t + 9 * MINUTE) });
    expect(full.steps).toEqual([
      { type: 'view', at: iso(t), linkId: null, link: null, source: 'instagram' },
      { type: 'click', at: iso(t + MINUTE), linkId: shop.id, link: shop.label, source: 'profile' },
      { type: 'click', at: iso(t + 3 * MINUTE), linkId: course.id, link: course.label, source: 'profile' },
      { type: 'lead', at: iso(t + 5 * MINUTE), linkId: course.id, link: course.label, source: 'profile', eventName: 'Sign up' },
      {
        type: 'sale',
        at: iso(t + 9 * MINUTE),
        linkId: course.id,
        link: course.label,
        source: 'profile',
        eventName: 'Purchase',
        amount: 4900,
        currency: 'EUR',
      },
    ]);
  });

  it("cuts visits at the creator's midnight, or at the zone asked", async () => {
    const local = await creator.client.get(`/api/v1/analytics/journeys?${range(day, nextDay + DAY)}`);
    const night = local.body.visits.filter((v: { steps: { source: string }[] }) => v.steps[0].source === 'x');
    expect(night.map((v: { day: string; steps: unknown[] }) => [v.day, v.steps.length])).toEqual([
      [clock.iso(nextDay).slice(0, 10), 1],
      [clock.iso(day).slice(0, 10), 1],
    ]);
    const utc = await creator.client.get(`/api/v1/analytics/journeys?${range(day, nextDay + DAY, '&tz=UTC')}`);
    const utcNight = utc.body.visits.filter((v: { steps: { source: string }[] }) => v.steps[0].source === 'x');
    expect(utcNight.map((v: { day: string; steps: unknown[] }) => [v.day, v.steps.length])).toEqual([
      [new Date(nextDay).toISOString().slice(0, 10), 2],
    ]);
  });

  it('lists customers newest first with their totals, and a customer’s timeline across days', async () => {
    const list = await creator.client.get('/api/v1/customers');
    expect(list.status).toBe(200);
    expect(
      list.body.customers.map((c: { customerId: string; leads: number; sales: number }) => [c.customerId, c.leads, c.sales]),
    ).toEqual([
      ['cus_lost', 1, 0],
      ['cus_full', 1, 2],
    ]);
    expect(list.body.customers[1]).toMatchObject({
      linkId: course.id,
      link: course.label,
      revenue: [{ currency: 'EUR', amount: 6400 }],
    });

    const full = await creator.client.get('/api/v1/customers/cus_full');
    expect(full.status).toBe(200);
    const days = full.body.visits.map((v: { day: string }) => v.day);
    expect(days).toEqual([clock.iso(day).slice(0, 10), clock.iso(clock.startOf(day + 2 * DAY + 12 * HOUR, 'day')).slice(0, 10)]);
    expect(full.body.visits[0].steps.map((s: { type: string }) => s.type)).toEqual(['view', 'click', 'click', 'lead', 'sale']);
    expect(
      full.body.visits[1].steps.map((s: { type: string; link: string; source: string }) => [s.type, s.link, s.source]),
    ).toEqual([
      ['click', shop.label, 'youtube'],
      ['sale', shop.label, 'youtube'],
    ]);
    expect(full.body.unattributed).toEqual([]);

    const lost = await creator.client.get('/api/v1/customers/cus_lost');
    expect(lost.body.visits).toEqual([]);
    expect(lost.body.unattributed).toMatchObject([{ type: 'lead', linkId: null, source: null, eventName: 'Sign up' }]);
  });

  it("answers 404 for an unknown customer and for another creator's, and shows another creator nothing", async () => {
    expect((await creator.client.get('/api/v1/customers/nobody')).status).toBe(404);
    const other = await newCreator(api.url, { timezone: tz });
    const foreign = await other.client.get('/api/v1/customers/cus_full');
    expect([foreign.status, foreign.body.message]).toEqual([404, 'Customer not found']);
    expect((await other.client.get('/api/v1/customers')).body.customers).toEqual([]);
    expect((await other.client.get(`/api/v1/analytics/journeys?${range(day, nextDay + 3 * DAY)}`)).body.visits).toEqual([]);
    expect((await other.client.get(`/api/v1/analytics/paths?${range(day, nextDay + 3 * DAY)}`)).body.totalVisits).toBe(0);
    expect((await other.client.get(`/api/v1/analytics/segments?${range(day, nextDay + 3 * DAY)}`)).body.visits.value).toBe(0);
  });

  it('refuses malformed parameters with a 400', async () => {
    const base = range(day, nextDay);
    for (const path of [
      `/api/v1/analytics/journeys?${base}&limit=0`,
      `/api/v1/analytics/journeys?${base}&limit=101`,
      `/api/v1/analytics/journeys?${base}&limit=ten`,
      `/api/v1/analytics/journeys?${base}&cursor=not-a-cursor`,
      `/api/v1/analytics/journeys?${base}&linkId=${shop.id}`,
      `/api/v1/analytics/journeys?from=${encodeURIComponent(iso(nextDay))}&to=${encodeURIComponent(iso(day))}`,
      `/api/v1/analytics/paths?${base}&limit=51`,
      `/api/v1/analytics/paths?${base}&tz=Mars/Olympus`,
      `/api/v1/analytics/segments?${base}&by=bot`,
      `/api/v1/analytics/segments?${base}&compare=next`,
      `/api/v1/customers?limit=-1`,
      `/api/v1/customers?cursor=${Buffer.from('[1,""]').toString('base64url')}`,
      `/api/v1/customers/cus_full?tz=Nowhere`,
    ]) {
      const reply = await creator.client.get(path);
      expect({ path, status: reply.status, error: reply.body.error }).toEqual({ path, status: 400, error: 'Bad Request' });
    }
  });
});

/** A step as stored, for the recount. */
interface StoredStep {
  visitorId: string;
  at: number;
  /** a view or click: `at`; a lead or sale: its click's time (the visit it belongs to) */
  clickAt: number;
  rank: number;
  /** 'view', 'lead', 'sale' or the clicked link's id */
  token: string;
  source: string;
}

function compareArrays(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

/**
 * The recount, by the rules of docs/journeys.md: a visit is a visitor id's views and clicks of one
 * day of the zone within [from, to), with the conversions of those clicks; steps in time order (a
 * conversion no earlier than its click), a view before a click before a lead before a sale.
 */
function visitsOf(steps: StoredStep[], clock: ZoneClock, from: number, to: number): StoredStep[][] {
  const visits = new Map<string, StoredStep[]>();
  for (const step of steps) {
    if (step.clickAt < from || step.clickAt >= to) continue;
    const key = `${step.visitorId}|${Math.max(clock.startOf(step.clickAt, 'day'), from)}`;
    visits.set(key, [...(visits.get(key) ?? []), step]);
  }
  const order = (step: StoredStep) => Math.max(step.at, step.clickAt);
  for (const list of visits.values())
    list.sort((a, b) => order(a) - order(b) || a.rank - b.rank || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  return [...visits.values()];
}

const segmentOf = (visit: StoredStep[]) =>
  visit.some((s) => s.rank >= 2) ? 'converted' : visit.some((s) => s.rank === 1) ? 'clicked' : 'viewed';

function tally(visits: StoredStep[][]): { visits: number; viewed: number; clicked: number; converted: number } {
  return {
    visits: visits.length,
    viewed: visits.filter((v) => segmentOf(v) === 'viewed').length,
    clicked: visits.filter((v) => segmentOf(v) === 'clicked').length,
    converted: visits.filter((v) => segmentOf(v) === 'converted').length,
  };
}

describe('paths and segments against a recount', () => {
  const tz = 'Asia/Kathmandu';
  const clock = ZoneClock.of(tz);
  let creator: { client: ApiClient; id: string };
  let from: number;
  let to: number;
  let previousFrom: number;
  const stored: StoredStep[] = [];

  beforeAll(async () => {
    creator = await newCreator(api.url, { timezone: tz });
    const suffix = `${process.pid}${Date.now() % 100000}`;
    const links = [
      await link(creator.client, 'Shop', `pshop-${suffix}`),
      await link(creator.client, 'Course', `pcourse-${suffix}`),
      await link(creator.client, null, `pnews-${suffix}`),
    ];
    to = clock.startOf(Date.now() - DAY, 'day');
    from = to - 3 * DAY;
    previousFrom = from - 3 * DAY;
    const random = seededRandom(1209);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const hits: EnrichedHit[] = [];
    const leads: { click: StoredStep; at: number; clickId: string }[] = [];
    for (let visitor = 0; visitor < 90; visitor++) {
      const visitorId = `p${visitor}`;
      let at = previousFrom + Math.floor(random() * 6 * DAY);
      const count = 1 + Math.floor(random() * 7);
      for (let i = 0; i < count; i++) {
        const view = random() < 0.35;
        const chosen = pick(links);
        const source = pick(['instagram', 'tiktok', 'profile']);
        const one = hit(creator.id, {
          kind: view ? 'view' : 'click',
          at,
          visitorId,
          linkId: chosen.id,
          source,
          isBot: random() < 0.05,
        });
        hits.push(one);
        if (!one.isBot) {
          const step = { visitorId, at, clickAt: at, rank: view ? 0 : 1, token: view ? 'view' : chosen.id, source };
          stored.push(step);
          // some leads are stamped minutes before their click (clock skew), most hours later
          if (!view && random() < 0.15)
            leads.push({ click: step, clickId: one.id, at: at + Math.floor((random() - 0.02) * 3 * HOUR) });
        }
        // mostly minutes apart, sometimes across the zone's midnight
        at += random() < 0.1 ? 6 * HOUR : Math.floor(random() * 20 * MINUTE);
      }
    }
    await events.store(hits);
    for (const lead of leads) {
      const customerId = `c-${lead.clickId}`;
      await conversions.store([conversion(creator.id, 'lead', lead.at, { clickId: lead.clickId, customerId })]);
      const base = { visitorId: lead.click.visitorId, clickAt: lead.click.at, source: '' };
      stored.push({ ...base, at: lead.at, rank: 2, token: 'lead' });
      if (random() < 0.5) {
        const saleAt = lead.at + DAY;
        await conversions.store([conversion(creator.id, 'sale', saleAt, { customerId })]);
        stored.push({ ...base, at: saleAt, rank: 3, token: 'sale' });
      }
    }
  });

  it('counts each path exactly', async () => {
    const visits = visitsOf(stored, clock, from, to);
    const counted = new Map<string, { steps: string[]; visits: number; continued: number }>();
    for (const visit of visits) {
      const merged = visit.map((s) => s.token).filter((token, i, all) => i === 0 || all[i - 1] !== token);
      const steps = merged.slice(0, 5);
      const row = counted.get(steps.join(' ')) ?? { steps, visits: 0, continued: 0 };
      row.visits++;
      if (merged.length > 5) row.continued++;
      counted.set(steps.join(' '), row);
    }
    const expected = [...counted.values()].sort((a, b) => b.visits - a.visits || compareArrays(a.steps, b.steps));
    expect(expected.some((row) => row.continued > 0)).toBe(true);
    const reply = await creator.client.get(`/api/v1/analytics/paths?${range(from, to, '&limit=50')}`);
    expect(reply.status).toBe(200);
    expect(reply.body.totalVisits).toBe(visits.length);
    const token = (step: { type: string; linkId: string | null }) => (step.type === 'click' ? step.linkId : step.type);
    expect(
      reply.body.paths.map((row: { steps: { type: string; linkId: string | null }[]; visits: number; continued: number }) => ({
        steps: row.steps.map(token),
        visits: row.visits,
        continued: row.continued,
      })),
    ).toEqual(expected.slice(0, 50));
    expect(reply.body.other).toEqual({
      visits: expected.slice(50).reduce((sum, row) => sum + row.visits, 0),
      paths: Math.max(0, expected.length - 50),
    });
    for (const row of reply.body.paths as { steps: { type: string; link: string | null }[] }[])
      for (const step of row.steps) expect(step.type === 'click').toBe(step.link !== null);
  });

  it('puts every visit in one segment: the segments add up to the visits, the journeys and the recount', async () => {
    const visits = visitsOf(stored, clock, from, to);
    const current = tally(visits);
    const previous = tally(visitsOf(stored, clock, previousFrom, from));
    expect(current.converted).toBeGreaterThan(0);
    expect(current.viewed + current.clicked + current.converted).toBe(current.visits);

    const reply = await creator.client.get(
      `/api/v1/analytics/segments?${range(from, to, '&compare=previous&by=source&limit=2')}`,
    );
    expect(reply.status).toBe(200);
    for (const key of ['visits', 'viewed', 'clicked', 'converted'] as const) {
      expect({ key, value: reply.body[key].value, previous: reply.body[key].previous }).toEqual({
        key,
        value: current[key],
        previous: previous[key],
      });
    }

    // by the source of each visit's first view or click: each row recounted, rows and rest add up
    const rows = reply.body.rows as { value: string; visits: number; viewed: number; clicked: number; converted: number }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const mine = visits.filter((v) => (v.find((s) => s.rank < 2)?.source ?? '') === row.value);
      expect({ value: row.value, ...tally(mine) }).toEqual({
        value: row.value,
        visits: row.visits,
        viewed: row.viewed,
        clicked: row.clicked,
        converted: row.converted,
      });
    }
    for (const key of ['visits', 'viewed', 'clicked', 'converted'] as const)
      expect(rows.reduce((total, row) => total + row[key], 0) + reply.body.other[key]).toBe(current[key]);

    // the journeys, page after page, are the same visits
    const seen: { id: string; start: string; segment: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { visits: { id: string; start: string; segment: string }[]; nextCursor: string | null } } =
        await creator.client.get(`/api/v1/analytics/journeys?${range(from, to, `&limit=7${cursor ? `&cursor=${cursor}` : ''}`)}`);
      expect(page.body.visits.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.visits);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((v) => v.id)).size).toBe(seen.length);
    expect(seen.length).toBe(current.visits);
    const starts = seen.map((v) => v.start);
    expect([...starts].sort().reverse()).toEqual(starts);
    expect(seen.filter((v) => v.segment === 'converted').length).toBe(current.converted);
  });
});
