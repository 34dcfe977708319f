import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlertEvaluator, AlertsRepository } from '@app/alerts';
import { HourlySeriesRepository, RollupService } from '@app/analytics';
import { type EnrichedHit, uuidV7 } from '@app/common';
import { CreatorsRepository, dataSourceOptions, LinksRepository } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import { DataSource } from 'typeorm';
import { type ApiClient, newCreator } from './support/http-client.js';
import { insertLink } from './support/random-events.js';
import { type RunningApi, startApi } from './support/stack.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const dayOf = (at: number): number => Math.floor(at / DAY) * DAY;

let api: RunningApi;
let db: DataSource;
let store: EventStore;
let rollups: RollupService;
let evaluator: AlertEvaluator;

beforeAll(async () => {
  api = await startApi();
  db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4));
  await db.initialize();
  store = new EventStore(db, new EventPartitions(db));
  rollups = new RollupService(db);
  evaluator = new AlertEvaluator(
    new HourlySeriesRepository(db),
    new AlertsRepository(db),
    new CreatorsRepository(db),
    new LinksRepository(db),
  );
});

afterAll(async () => {
  await db.destroy();
  await api.close();
});

interface HitFields {
  linkId: string | null;
  source: string;
  country?: string;
  botName?: string;
  referrerHost?: string;
}

/** `count` hits spread over the hour starting at `hour`. */
function hitsAt(creatorId: string, hour: number, count: number, fields: HitFields): EnrichedHit[] {
  return Array.from({ length: count }, (_, i) => {
    const at = hour + Math.floor(((i + 0.5) * HOUR) / count);
    return {
      id: uuidV7(at),
      at,
      kind: fields.linkId ? 'click' : 'view',
      creatorId,
      linkId: fields.linkId,
      isBot: fields.botName !== undefined,
      botName: fields.botName ?? null,
      visitorId: `v${i}`,
      source: fields.source,
      referrerHost: fields.referrerHost ?? null,
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      country: fields.country ?? 'DE',
      region: 'unknown',
      city: 'unknown',
      device: 'mobile',
      browser: 'Safari',
      os: 'iOS',
      via: 'direct',
    };
  });
}

async function storeAll(hits: EnrichedHit[]): Promise<void> {
  for (let i = 0; i < hits.length; i += 5000) await store.store(hits.slice(i, i + 5000));
}

/** Judges every hour of [from, to) and answers the alerts raised. */
async function judgeHours(creatorId: string, from: number, to: number) {
  const raised = [];
  for (let hour = from; hour < to; hour += HOUR) raised.push(...(await evaluator.judge(creatorId, hour)));
  return raised;
}

const now = Date.now();
const thisHour = Math.floor(now / HOUR) * HOUR;
const start = thisHour - 5 * WEEK;
const lastWeek = thisHour - WEEK;

describe('anomaly alerts', () => {
  let creator: { client: ApiClient; id: string };
  let shop: { id: string; slug: string };
  let course: { id: string; slug: string };
  // at fixed hours of busy days (08:00–24:00 UTC), whatever time the test runs
  const spikeHour = dayOf(thisHour - 2 * DAY) + 14 * HOUR;
  const burstHour = dayOf(thisHour - 3 * DAY) + 10 * HOUR;

  beforeAll(async () => {
    creator = await newCreator(api.url);
    shop = await insertLink(db, creator.id, 'Shop');
    course = await insertLink(db, creator.id, null);
    // five weeks of a steady rhythm: busier days than nights, 60 % instagram, a few crawler hits
    const hits: EnrichedHit[] = [];
    for (let hour = start; hour < thisHour; hour += HOUR) {
      const busy = new Date(hour).getUTCHours() >= 8;
      hits.push(
        ...hitsAt(creator.id, hour, busy ? 30 : 12, { linkId: shop.id, source: 'instagram', referrerHost: 'l.instagram.com' }),
        ...hitsAt(creator.id, hour, busy ? 10 : 4, { linkId: course.id, source: 'tiktok', country: 'US' }),
        ...hitsAt(creator.id, hour, busy ? 10 : 4, { linkId: shop.id, source: 'direct' }),
        ...hitsAt(creator.id, hour, 8, { linkId: null, source: 'instagram' }),
        ...hitsAt(creator.id, hour, 3, { linkId: shop.id, source: 'google', botName: 'Googlebot' }),
      );
    }
    // a burst of link-preview fetches when the shop link was posted on X
    hits.push(
      ...hitsAt(creator.id, burstHour, 240, { linkId: shop.id, source: 'x', botName: 'Twitterbot', referrerHost: 't.co' }),
    );
    await storeAll(hits);
    await rollups.rollDirty({ untilClean: true });
  });

  it('a bot burst raises exactly one alert, a bot surge naming the bot and the source that drove it', async () => {
    const raised = await judgeHours(creator.id, lastWeek, thisHour);
    expect(raised.map((alert) => [alert.kind, alert.firstHour.getTime(), alert.lastHour.getTime()])).toEqual([
      ['bot_surge', burstHour, burstHour],
    ]);
    const [surge] = raised;
    expect(surge.linkId).toBeNull();
    expect(surge.peak[0]).toEqual({ metric: 'bot_hits', value: 243, expected: 3, score: expect.any(Number) });
    expect(surge.drivers).toEqual(
      expect.arrayContaining([
        { dimension: 'source', value: 'x', count: 240, share: 240 / 243, baselineShare: 0 },
        { dimension: 'bot', value: 'Twitterbot', count: 240, share: 240 / 243, baselineShare: 0 },
        { dimension: 'referrer', value: 't.co', count: 240, share: 240 / 243, baselineShare: 0 },
      ]),
    );
  });

  it('a late spike re-judges its hour: exactly one spike alert naming the source and link that drove it, never repeated', async () => {
    // clicks from a TikTok video on the course link, stored after the hour was judged
    await storeAll(hitsAt(creator.id, spikeHour, 260, { linkId: course.id, source: 'tiktok', country: 'US' }));
    const run = await rollups.rollDirty({ untilClean: true });
    expect(run.changed).toEqual([{ creatorId: creator.id, hours: [new Date(spikeHour)] }]);
    const raised = await evaluator.judgeLateHours(run.changed, now);
    expect(raised.map((alert) => [alert.kind, alert.firstHour.getTime()])).toEqual([['spike', spikeHour]]);
    const [spike] = raised;
    expect(spike.peak[0]).toMatchObject({ metric: 'clicks', value: 310, expected: 50 });
    expect(spike.drivers.slice(0, 3)).toEqual([
      { dimension: 'source', value: 'tiktok', count: 270, share: 270 / 310, baselineShare: 0.2 },
      { dimension: 'link', value: course.id, label: `/${course.slug}`, count: 270, share: 270 / 310, baselineShare: 0.2 },
      { dimension: 'country', value: 'US', count: 270, share: 270 / 310, baselineShare: 0.2 },
    ]);
    // judged again, and the hour after (the same anomaly, lasting): no second alert
    expect(await evaluator.judgeLateHours(run.changed, now)).toEqual([]);
    await storeAll(hitsAt(creator.id, spikeHour + HOUR, 200, { linkId: course.id, source: 'tiktok', country: 'US' }));
    const next = await rollups.rollDirty({ untilClean: true });
    expect(await evaluator.judgeLateHours(next.changed, now)).toEqual([]);
    const repository = new AlertsRepository(db);
    const stored = (await repository.list(creator.id, { limit: 10 })).find((alert) => alert.kind === 'spike')!;
    expect([stored.kind, stored.firstHour.getTime(), stored.lastHour.getTime()]).toEqual(['spike', spikeHour, spikeHour + HOUR]);
  });

  it('GET /alerts lists them newest first; PATCH marks one read', async () => {
    const list = await creator.client.get('/api/v1/alerts');
    expect(list.status).toBe(200);
    expect(list.body.items.map((alert: { kind: string }) => alert.kind)).toEqual(['spike', 'bot_surge']);
    expect(list.body.unread).toBe(2);
    const spike = list.body.items[0];
    expect(spike).toMatchObject({
      linkId: null,
      read: false,
      firstHour: new Date(spikeHour).toISOString(),
      lastHour: new Date(spikeHour + HOUR).toISOString(),
    });
    expect(spike.drivers[0]).toMatchObject({ dimension: 'source', value: 'tiktok' });

    const read = await creator.client.patch(`/api/v1/alerts/${spike.id}`, { read: true });
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    const unread = await creator.client.get('/api/v1/alerts?unread=true');
    expect(unread.body.items.map((alert: { kind: string }) => alert.kind)).toEqual(['bot_surge']);
    expect(unread.body.unread).toBe(1);

    const page = await creator.client.get('/api/v1/alerts?limit=1');
    expect(page.body.items).toHaveLength(1);
    const second = await creator.client.get(`/api/v1/alerts?limit=1&cursor=${page.body.nextCursor}`);
    expect(second.body.items.map((alert: { id: string }) => alert.id)).toEqual([list.body.items[1].id]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('settings: defaults, saved, validated; disabled alerts raise nothing', async () => {
    expect((await creator.client.get('/api/v1/alert-settings')).body).toEqual({
      enabled: true,
      threshold: 3,
      minVolume: 20,
      kinds: ['spike', 'drop', 'bot_surge'],
    });
    for (const bad of [
      { enabled: true, threshold: 0, minVolume: 20, kinds: [] },
      { enabled: true, threshold: 3, minVolume: 1.5, kinds: [] },
      { enabled: true, threshold: 3, minVolume: 20, kinds: ['surge'] },
      { enabled: 'yes', threshold: 3, minVolume: 20, kinds: [] },
    ]) {
      expect((await creator.client.put('/api/v1/alert-settings', bad)).status).toBe(400);
    }
    const saved = await creator.client.put('/api/v1/alert-settings', {
      enabled: true,
      threshold: 4.5,
      minVolume: 50,
      kinds: ['bot_surge', 'spike', 'spike'],
    });
    expect(saved.body).toEqual({ enabled: true, threshold: 4.5, minVolume: 50, kinds: ['spike', 'bot_surge'] });
    await creator.client.put('/api/v1/alert-settings', { enabled: false, threshold: 3, minVolume: 20, kinds: ['spike'] });
    await storeAll(hitsAt(creator.id, thisHour - 5 * HOUR, 400, { linkId: shop.id, source: 'instagram' }));
    const run = await rollups.rollDirty({ untilClean: true });
    expect(await evaluator.judgeLateHours(run.changed, now)).toEqual([]);
  });
});

describe('a quiet week', () => {
  it('raises no alert: 2 → 6 clicks an hour is no anomaly', async () => {
    const { id } = await newCreator(api.url);
    const link = await insertLink(db, id, null);
    const hits: EnrichedHit[] = [];
    for (let hour = start; hour < thisHour; hour += HOUR) {
      const quiet = hour === thisHour - 20 * HOUR ? 6 : 2 + (Math.floor(hour / HOUR) % 3);
      hits.push(...hitsAt(id, hour, quiet, { linkId: link.id, source: 'instagram' }));
    }
    await storeAll(hits);
    await rollups.rollDirty({ untilClean: true });
    expect(await judgeHours(id, lastWeek, thisHour)).toEqual([]);
  });
});
