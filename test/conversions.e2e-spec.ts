import { gzipSync } from 'node:zlib';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type AppConfig, type CapturedConversion, uuidV7 } from '@app/common';
import { ConversionStore, conversionId } from '@app/conversions';
import pg from 'pg';
import { type DirectStore, hitAt, openDirectStore } from './support/direct-store.js';
import { ApiClient, newCreator } from './support/http-client.js';
import { EventStreamReader } from './support/openapi.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const DAY_MS = 86_400_000;
const INSTAGRAM_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 325.0.0.0';
const SHOP = 'https://shop.example.com';

let api: RunningApi;
let worker: INestApplicationContext;
let db: pg.Client;
let direct: DirectStore;

beforeAll(async () => {
  api = await startApi();
  worker = await startWorker();
  db = await connectDatabase();
  direct = await openDirectStore();
});

afterAll(async () => {
  await direct.close();
  await db.end();
  await worker.close();
  await api.close();
});

interface StoredConversion {
  id: string;
  kind: string;
  attributed: boolean;
  requested_click_id: string | null;
  click_id: string | null;
  link_id: string | null;
  source: string | null;
  country: string | null;
  device: string | null;
  amount: string | null;
  currency: string | null;
  customer_id: string | null;
}

async function conversionsOf(creatorId: string): Promise<StoredConversion[]> {
  const { rows } = await db.query<StoredConversion>(
    'SELECT * FROM conversions WHERE creator_id = $1 ORDER BY kind, occurred_at',
    [creatorId],
  );
  return rows;
}

/** Waits until the creator has `count` conversions stored. */
function stored(creatorId: string, count: number, what = `${count} stored conversion(s)`): Promise<StoredConversion[]> {
  return eventually(
    async () => {
      const rows = await conversionsOf(creatorId);
      return rows.length >= count ? rows : null;
    },
    15_000,
    what,
  );
}

async function trackedLink(client: ApiClient, url = `${SHOP}/spring?ref=bio`): Promise<{ id: string; slug: string }> {
  const reply = await client.post('/api/v1/links', { url, conversionTracking: true });
  expect(reply.status).toBe(201);
  expect(reply.body.conversionTracking).toBe(true);
  return reply.body;
}

/** Follows the short link like a visitor from Instagram on an iPhone in the US; the click id the target got. */
async function clickThrough(slug: string, query = ''): Promise<{ location: URL; clickId: string }> {
  const response = await fetch(`${api.url}/${slug}${query}`, {
    redirect: 'manual',
    headers: { 'user-agent': INSTAGRAM_IPHONE, 'x-forwarded-for': '8.8.8.8' },
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  return { location, clickId: location.searchParams.get('lp_cid')! };
}

async function clickStored(clickId: string): Promise<void> {
  await eventually(
    async () => (await db.query('SELECT 1 FROM events WHERE id = $1', [clickId])).rowCount,
    15_000,
    'the click stored',
  );
}

/** A click of `creatorId` stored straight into the events, `daysAgo` days ago. */
async function pastClick(creatorId: string, linkId: string, daysAgo: number): Promise<string> {
  const hit = hitAt(creatorId, Date.now() - daysAgo * DAY_MS, {
    linkId,
    visitorId: 'v-past',
    source: 'youtube',
    referrerHost: 'youtube.com',
    country: 'FR',
    region: 'Île-de-France',
    city: 'Paris',
    device: 'desktop',
    browser: 'Firefox',
    os: 'Linux',
  });
  await direct.events.store([hit]);
  return hit.id;
}

async function token(client: ApiClient): Promise<ApiClient> {
  const reply = await client.post('/api/v1/tokens', { name: 'shop server' });
  expect(reply.status).toBe(201);
  return client.withToken(reply.body.token);
}

describe('click ids on the way out', () => {
  it('adds lp_cid, the stored click id, to the target of a tracked link, and never replaces one', async () => {
    const { client } = await newCreator(api.url);
    const link = await trackedLink(client);
    const { location, clickId } = await clickThrough(link.slug, '?utm_source=ig');
    expect(location.origin + location.pathname).toBe(`${SHOP}/spring`);
    expect(location.searchParams.get('ref')).toBe('bio');
    expect(clickId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await clickStored(clickId);

    const own = await trackedLink(client, `${SHOP}/landing?lp_cid=fixed`);
    expect((await clickThrough(own.slug)).location.searchParams.getAll('lp_cid')).toEqual(['fixed']);
    const fromRequest = await clickThrough(link.slug, '?lp_cid=from-the-request');
    expect(fromRequest.location.searchParams.getAll('lp_cid')).toEqual(['from-the-request']);
  });

  it('leaves links without tracking alone; the creator default decides for new links', async () => {
    const { client } = await newCreator(api.url);
    const plain = await client.post('/api/v1/links', { url: `${SHOP}/a` });
    expect(plain.body.conversionTracking).toBe(false);
    expect((await clickThrough(plain.body.slug)).location.searchParams.has('lp_cid')).toBe(false);

    const me = await client.patch('/api/v1/me', { conversionTracking: true, currency: 'eur' });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ conversionTracking: true, currency: 'EUR' });
    const tracked = await client.post('/api/v1/links', { url: `${SHOP}/b` });
    expect(tracked.body.conversionTracking).toBe(true);
    expect((await clickThrough(tracked.body.slug)).location.searchParams.has('lp_cid')).toBe(true);
    const optedOut = await client.post('/api/v1/links', { url: `${SHOP}/c`, conversionTracking: false });
    expect(optedOut.body.conversionTracking).toBe(false);

    const off = await client.patch(`/api/v1/links/${tracked.body.id}`, { conversionTracking: false });
    expect(off.body.conversionTracking).toBe(false);
    expect((await clickThrough(tracked.body.slug)).location.searchParams.has('lp_cid')).toBe(false);
    expect((await client.patch('/api/v1/me', { currency: 'EURO' })).status).toBe(400);
    expect((await client.patch('/api/v1/me', { currency: 'XYZ' })).status).toBe(400);
  });
});

describe('tracking API', () => {
  it('attributes a lead to its click and the sales to the lead click; a repeated invoiceId counts once', async () => {
    const creator = await newCreator(api.url);
    const server = await token(creator.client);
    const link = await trackedLink(creator.client);
    const { clickId } = await clickThrough(link.slug);
    await clickStored(clickId);
    const secret = (server as unknown as { bearer: string }).bearer;
    const live = await EventStreamReader.open(`${api.url}/api/v1/analytics/live`, { authorization: `Bearer ${secret}` });
    await eventually(async () => live.text.includes(': connected'), 5000, 'the live stream to open');

    const lead = await server.post('/api/v1/track/lead', { clickId, customerId: 'cus_1', eventName: 'Newsletter' });
    expect(lead.status).toBe(202);
    expect(lead.body).toMatchObject({ kind: 'lead', status: 'accepted' });
    const sale = { customerId: 'cus_1', amount: 4900, currency: 'EUR', invoiceId: 'inv_1' };
    const first = await server.post('/api/v1/track/sale', sale);
    const repeat = await server.post('/api/v1/track/sale', { ...sale, amount: 1 });
    expect(first.status).toBe(202);
    expect(repeat.body).toEqual(first.body);

    const rows = await stored(creator.id, 2);
    const [storedLead, storedSale] = rows;
    expect(storedLead).toMatchObject({
      id: lead.body.id,
      kind: 'lead',
      attributed: true,
      click_id: clickId,
      link_id: link.id,
      source: 'instagram',
      country: 'US',
      device: 'mobile',
      customer_id: 'cus_1',
    });
    expect(storedSale).toMatchObject({
      id: first.body.id,
      kind: 'sale',
      attributed: true,
      click_id: clickId,
      link_id: link.id,
      source: 'instagram',
      amount: '4900',
      currency: 'EUR',
    });
    const customer = await db.query('SELECT click_id, link_id FROM customers WHERE creator_id = $1', [creator.id]);
    expect(customer.rows).toEqual([{ click_id: clickId, link_id: link.id }]);

    // the live stream carried both, once each: the lead with its click's link and source (the sale
    // too, unless a worker stored it before the lead: it is attributed when the lead arrives)
    const conversions = await eventually(
      async () => {
        const events = live.events<{ kind: string; id: string }>().filter((event) => event.kind !== 'click');
        return events.length >= 2 ? events.sort((a, b) => a.kind.localeCompare(b.kind)) : null;
      },
      5000,
      'the lead and the sale on the live stream',
    );
    await live.close();
    expect(conversions).toEqual([
      {
        id: lead.body.id,
        kind: 'lead',
        at: expect.any(String),
        linkId: link.id,
        source: 'instagram',
        country: 'US',
        device: 'mobile',
      },
      expect.objectContaining({ id: first.body.id, kind: 'sale', amount: 4900, currency: 'EUR' }),
    ]);

    // the analytics show 1 lead, 1 sale and its amount, on the click's link, source and country
    const range = `from=${new Date(Date.now() - DAY_MS).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}&tz=UTC`;
    const analytics = (path: string) => server.get(`/api/v1/analytics/${path}${path.includes('?') ? '&' : '?'}${range}`);
    const eur = [{ currency: 'EUR', amount: 4900 }];
    expect((await analytics('overview')).body).toMatchObject({
      clicks: { value: 1 },
      leads: { value: 1 },
      sales: { value: 1 },
      revenue: [{ currency: 'EUR', value: 4900 }],
      conversionRate: { value: 1 },
      revenuePerClick: [{ currency: 'EUR', value: 4900 }],
    });
    const points = (await analytics('timeseries?interval=day')).body.points as { leads: number; sales: number }[];
    expect(points.filter((p) => p.leads + p.sales > 0)).toMatchObject([{ leads: 1, sales: 1, revenue: eur }]);
    for (const [by, value] of [
      ['source', 'instagram'],
      ['country', 'US'],
      ['link', link.id],
    ]) {
      const breakdown = await analytics(`breakdown?by=${by}`);
      expect(breakdown.body.rows).toMatchObject([{ value, clicks: 1, leads: 1, sales: 1, revenue: eur, conversionRate: 1 }]);
    }
    const funnel = await analytics('funnel?steps=click,lead,sale&by=source');
    expect(funnel.body.steps.map((step: { count: number }) => step.count)).toEqual([1, 1, 1]);
    expect(funnel.body.rows).toMatchObject([{ value: 'instagram', steps: [{ count: 1 }, { count: 1 }, { count: 1 }] }]);
  });

  it("stores another creator's click id as unattributed, invisible to that creator", async () => {
    const owner = await newCreator(api.url);
    const link = await trackedLink(owner.client);
    const { clickId } = await clickThrough(link.slug);
    await clickStored(clickId);
    const other = await newCreator(api.url);
    const reply = await (await token(other.client)).post('/api/v1/track/lead', { clickId, customerId: 'cus_x' });
    expect(reply.status).toBe(202);
    const [row] = await stored(other.id, 1);
    expect(row).toMatchObject({ attributed: false, requested_click_id: clickId, click_id: null, link_id: null, source: null });
    expect(await conversionsOf(owner.id)).toEqual([]);
    // counted in the caller's totals, on no row of theirs, and nowhere in the owner's numbers
    const range = `from=${new Date(Date.now() - DAY_MS).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const mine = await other.client.get(`/api/v1/analytics/breakdown?by=source&${range}`);
    expect(mine.body).toMatchObject({ rows: [], total: { leads: 1 } });
    const owners = await owner.client.get(`/api/v1/analytics/overview?${range}`);
    expect(owners.body).toMatchObject({ clicks: { value: 1 }, leads: { value: 0 } });
  });

  it('stores a click id outside the attribution window, or unknown, as unattributed', async () => {
    const creator = await newCreator(api.url);
    const link = await trackedLink(creator.client);
    const server = await token(creator.client);
    const stale = await pastClick(creator.id, link.id, 91);
    const recent = await pastClick(creator.id, link.id, 89);
    await server.post('/api/v1/track/lead', { clickId: stale, customerId: 'cus_stale' });
    await server.post('/api/v1/track/lead', { clickId: recent, customerId: 'cus_recent' });
    await server.post('/api/v1/track/lead', { clickId: uuidV7(), customerId: 'cus_unknown' });
    const rows = await stored(creator.id, 3);
    const byCustomer = Object.fromEntries(rows.map((row) => [row.customer_id, row]));
    expect(byCustomer.cus_stale).toMatchObject({ attributed: false, requested_click_id: stale });
    expect(byCustomer.cus_unknown).toMatchObject({ attributed: false });
    expect(byCustomer.cus_recent).toMatchObject({ attributed: true, click_id: recent, source: 'youtube', country: 'FR' });
  });

  it("attributes a sale stored before its customer's lead once the lead arrives", async () => {
    const creator = await newCreator(api.url);
    const server = await token(creator.client);
    const link = await trackedLink(creator.client);
    const clickId = await pastClick(creator.id, link.id, 1);
    await server.post('/api/v1/track/sale', { customerId: 'cus_late', amount: 1200, currency: 'USD' });
    expect((await stored(creator.id, 1))[0]).toMatchObject({ kind: 'sale', attributed: false });
    await server.post('/api/v1/track/lead', { clickId, customerId: 'cus_late' });
    await eventually(
      async () => (await conversionsOf(creator.id)).filter((row) => row.attributed && row.click_id === clickId).length === 2,
      15_000,
      'the sale attributed to the lead click',
    );
  });

  it('accepts or refuses each event of a batch on its own, naming why', async () => {
    const creator = await newCreator(api.url);
    const server = await token(creator.client);
    const reply = await server.post('/api/v1/track/batch', {
      events: [
        { kind: 'lead', customerId: 'cus_a', eventId: 'signup-a' },
        { kind: 'sale', customerId: 'cus_a', amount: 10.5, currency: 'EUR' },
        { kind: 'sale', customerId: 'cus_a', amount: 1000, currency: 'EUR', invoiceId: 'inv_a' },
        { kind: 'refund', customerId: 'cus_a' },
        { kind: 'sale', amount: 5, currency: 'EUR' },
        { kind: 'sale', customerId: 'cus_a', amount: 5, currency: 'ABC' },
        'not an event',
      ],
    });
    expect(reply.status).toBe(202);
    expect(reply.body.accepted).toBe(2);
    expect(reply.body.refused).toBe(5);
    const results = reply.body.results as { index: number; status: string; message?: string }[];
    expect(results.map((result) => result.status)).toEqual([
      'accepted',
      'refused',
      'accepted',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(results[1].message).toMatch(/amount must be a whole number/);
    expect(results[3].message).toMatch(/kind must be lead or sale/);
    expect(results[4].message).toMatch(/customerId or a clickId/);
    expect(results[5].message).toMatch(/ISO 4217/);
    expect(results[6].message).toMatch(/JSON object/);
    const rows = await stored(creator.id, 2);
    expect(rows.map((row) => row.kind)).toEqual(['lead', 'sale']);
    expect(
      (await server.post('/api/v1/track/batch', { events: Array(101).fill({ kind: 'lead', customerId: 'c' }) })).status,
    ).toBe(400);
  });

  it('refuses bad requests with a 400 naming the problem', async () => {
    const { client } = await newCreator(api.url);
    const server = await token(client);
    const cases: [string, unknown, RegExp][] = [
      ['lead', {}, /customerId/],
      ['lead', { customerId: 'c', clickId: 'abc' }, /clickId must be a click id/],
      ['lead', { customerId: 'c', extra: 1 }, /extra should not exist/],
      ['lead', { customerId: 'c', metadata: { blob: 'x'.repeat(5000) } }, /metadata must be at most/],
      ['sale', { customerId: 'c', amount: -1, currency: 'EUR' }, /amount/],
      ['sale', { customerId: 'c', amount: 100, currency: 'euro' }, /ISO 4217/],
      ['sale', { customerId: 'c', amount: '100', currency: 'EUR' }, /amount/],
    ];
    for (const [kind, body, message] of cases) {
      const reply = await server.post(`/api/v1/track/${kind}`, body);
      expect({ kind, body, status: reply.status }).toEqual({ kind, body, status: 400 });
      expect(reply.body.message.toString()).toMatch(message);
    }
    expect((await new ApiClient(api.url).post('/api/v1/track/lead', { customerId: 'c' })).status).toBe(401);
  });
});

describe('conversion store', () => {
  it("stores one batch holding a customer's lead, two sales and a repeated sale: each once, all on the lead's click", async () => {
    const creator = await newCreator(api.url);
    const link = await trackedLink(creator.client);
    const { clickId } = await clickThrough(link.slug);
    await clickStored(clickId);
    const conversion = (kind: 'lead' | 'sale', key: string, amount: number | null, at: number): CapturedConversion => ({
      id: conversionId(creator.id, kind, key, at),
      at,
      creatorId: creator.id,
      kind,
      dedupKey: key,
      eventName: kind,
      eventId: null,
      invoiceId: kind === 'sale' ? key : null,
      customerId: 'cus_batch',
      clickId: kind === 'lead' ? clickId : null,
      amount,
      currency: amount === null ? null : 'EUR',
      metadata: null,
    });
    const now = Date.now();
    const sale = conversion('sale', 'inv_1', 1000, now + 1);
    const store = new ConversionStore(direct.db, { attributionDays: 90 } as AppConfig);

    const batch = [
      sale,
      conversion('lead', 'lead_1', null, now),
      { ...sale, amount: 1 },
      conversion('sale', 'inv_2', 2500, now + 2),
    ];

    const stored = await store.store(batch);

    expect(stored.map((c) => c.kind).sort()).toEqual(['lead', 'sale', 'sale']);
    const rows = await conversionsOf(creator.id);
    expect(rows.map((row) => [row.kind, row.amount, row.click_id])).toEqual([
      ['lead', null, clickId],
      ['sale', '1000', clickId],
      ['sale', '2500', clickId],
    ]);
    expect(await store.store([sale])).toEqual([]);
  });
});

describe('publishable keys and CORS', () => {
  async function publishableKey(client: ApiClient, allowedOrigins = [SHOP]): Promise<string> {
    const reply = await client.post('/api/v1/publishable-keys', { name: 'shop', allowedOrigins });
    expect(reply.status).toBe(201);
    expect(reply.body.key).toMatch(/^pk_/);
    return reply.body.key;
  }

  it('lists and revokes keys; the key itself is shown once', async () => {
    const { client } = await newCreator(api.url);
    const key = await publishableKey(client, [`${SHOP}/`, 'http://localhost:8080']);
    const list = await client.get('/api/v1/publishable-keys');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ allowedOrigins: [SHOP, 'http://localhost:8080'], prefix: key.slice(0, 9) });
    expect(list.body.items[0].key).toBeUndefined();
    expect(
      (await client.post('/api/v1/publishable-keys', { name: 'x', allowedOrigins: ['https://a.example/path'] })).status,
    ).toBe(400);
    expect((await client.post('/api/v1/publishable-keys', { name: 'x', allowedOrigins: [] })).status).toBe(400);
    const other = await newCreator(api.url);
    expect((await other.client.delete(`/api/v1/publishable-keys/${list.body.items[0].id}`)).status).toBe(404);
    expect((await client.delete(`/api/v1/publishable-keys/${list.body.items[0].id}`)).status).toBe(204);
    const revoked = await fetch(`${api.url}/api/v1/track/lead`, {
      method: 'POST',
      headers: { origin: SHOP, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'c' }),
    });
    expect(revoked.status).toBe(401);
  });

  it('records conversions from an allowed origin only, and can do nothing else', async () => {
    const creator = await newCreator(api.url);
    const key = await publishableKey(creator.client);
    const withKey = creator.client.withToken(key);
    expect((await withKey.get('/api/v1/links')).status).toBe(403);
    expect((await withKey.get('/api/v1/analytics/overview')).status).toBe(403);
    expect((await withKey.post('/api/v1/publishable-keys', { name: 'x', allowedOrigins: [SHOP] })).status).toBe(403);

    const preflight = (origin: string) =>
      fetch(`${api.url}/api/v1/track/lead`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const post = (origin: string) =>
      fetch(`${api.url}/api/v1/track/lead`, {
        method: 'POST',
        headers: { origin, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: 'from-the-shop' }),
      });
    const fromShop = await post(SHOP);
    expect(fromShop.status).toBe(202);
    expect(fromShop.headers.get('access-control-allow-origin')).toBe(SHOP);
    const fromElsewhere = await post('https://evil.example');
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const [row] = await stored(creator.id, 1);
    expect(row).toMatchObject({ kind: 'lead', customer_id: 'from-the-shop' });
  });
});

describe('GET /lp.js', () => {
  it('is small, cacheable and revalidated by its ETag', async () => {
    const response = await fetch(`${api.url}/lp.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toContain('max-age=86400');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = await response.text();
    expect(gzipSync(body).length).toBeLessThanOrEqual(2048);
    expect(body).not.toMatch(/\beval\(|new Function/);
    const again = await fetch(`${api.url}/lp.js`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});

describe('account deletion', () => {
  it('removes conversions and customers with the account', async () => {
    const creator = await newCreator(api.url);
    const server = await token(creator.client);
    await server.post('/api/v1/track/sale', { customerId: 'cus_gone', amount: 100, currency: 'EUR' });
    await stored(creator.id, 1);
    expect((await creator.client.delete('/api/v1/me', { password: creator.password })).status).toBe(204);
    expect(await conversionsOf(creator.id)).toEqual([]);
    expect((await db.query('SELECT 1 FROM customers WHERE creator_id = $1', [creator.id])).rowCount).toBe(0);
  });
});
