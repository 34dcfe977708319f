import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { ApiClient, type Reply } from './support/http-client.js';
import { documentedOperations, EventStreamReader, type Operation } from './support/openapi.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

/*
 * Every operation of the OpenAPI document, called by a second creator (B) with the first one's (A)
 * real ids, once with B's session cookie and once with B's API token: A's resources answer 404,
 * A's data never shows in anything B gets, and A's resources are untouched afterwards. An
 * operation without a case here fails the first test, so a new route cannot go untested.
 */

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface Party {
  id: string;
  email: string;
  username: string;
  password: string;
  session: ApiClient;
  token: ApiClient;
  tokenId: string;
  tokenSecret: string;
  publishableKeyId: string;
  link: { id: string; slug: string };
  reportId: string;
  scheduleId: string;
  importId: string;
  shareId: string;
  shareToken: string;
  /** a customer of theirs, from a lead through the tracking API */
  customerId: string;
  /** an anomaly alert, inserted (alerts are raised by the worker) */
  alertId: string;
  webhookId: string;
}

type Principal = 'session' | 'token';

interface Ctx {
  a: Party;
  b: Party;
  /** B's client for this principal */
  client: ApiClient;
  principal: Principal;
  api: RunningApi;
}

/**
 * - `foreign`: B names one of A's resources (path id, `linkId` in the query or the body): 404.
 * - `own`: no id of A's; B gets 2xx and nothing of A's.
 * - `run`: a case of its own (auth routes, the live stream), with its own assertions.
 */
type Case =
  | { foreign: (ctx: Ctx) => { path: string; body?: unknown }; own?: (ctx: Ctx) => { path: string; body?: unknown } }
  | { own: (ctx: Ctx) => { path: string; body?: unknown }; foreign?: undefined }
  | { run: (ctx: Ctx) => Promise<void> };

const AVATAR_PNG = `data:image/png;base64,${readFileSync('apps/api/src/profile/__fixtures__/avatar-40x30.png').toString('base64')}`;

/** A public address (no DNS needed) for webhooks that only want alerts: nothing is sent during the run. */
const WEBHOOK_TARGET = 'https://93.184.215.14/hooks';

const RANGE = () => {
  const to = new Date(Date.now() + 3_600_000);
  const from = new Date(to.getTime() - 2 * 86_400_000);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&tz=UTC`;
};

const analytics = (name: string, extra = '') => ({
  foreign: (ctx: Ctx) => ({ path: `/api/v1/analytics/${name}?${RANGE()}${extra}&linkId=${ctx.a.link.id}` }),
  own: () => ({ path: `/api/v1/analytics/${name}?${RANGE()}${extra}` }),
});

/** A shared-view operation through B's share: nothing of A's, and A's link through it is a 404. */
const shared = (path: string, extra = ''): Case => ({
  run: async (ctx) => {
    const query = path ? `?${RANGE()}${extra}` : '';
    expectNothingOfA(ctx, await new ApiClient(ctx.api.url).get(`/api/v1/shared/${ctx.b.shareToken}${path}${query}`), [200]);
    if (path) {
      const foreign = `/api/v1/shared/${ctx.b.shareToken}${path}${query}&linkId=${ctx.a.link.id}`;
      expectNothingOfA(ctx, await new ApiClient(ctx.api.url).get(foreign), [404], foreign);
    }
  },
});

const CASES: Record<string, Case> = {
  'GET /health': { run: async (ctx) => expectNothingOfA(ctx, await new ApiClient(ctx.api.url).get('/health'), [200, 503]) },
  'GET /metrics': { run: async (ctx) => expectNothingOfA(ctx, await new ApiClient(ctx.api.url).get('/metrics'), [200]) },
  'POST /api/v1/auth/signup': {
    run: async (ctx) => {
      const fresh = new ApiClient(ctx.api.url);
      const name = `iso_${ctx.principal}_${Date.now() % 1e6}`;
      const reply = await fresh.post('/api/v1/auth/signup', {
        email: `${name}@example.com`,
        password: 'another good password',
        username: name,
      });
      expectNothingOfA(ctx, reply, [201]);
      // A's email cannot be taken over by signing up with it
      const taken = await new ApiClient(ctx.api.url).post('/api/v1/auth/signup', {
        email: ctx.a.email.toUpperCase(),
        password: 'another good password',
        username: `${name}x`,
      });
      expect(taken.status).toBe(409);
    },
  },
  'POST /api/v1/auth/login': {
    run: async (ctx) => {
      expectNothingOfA(
        ctx,
        await new ApiClient(ctx.api.url).post('/api/v1/auth/login', { email: ctx.b.email, password: ctx.b.password }),
        [200],
      );
      // B's password does not open A's account
      expect(
        (await new ApiClient(ctx.api.url).post('/api/v1/auth/login', { email: ctx.a.email, password: ctx.b.password })).status,
      ).toBe(401);
    },
  },
  'POST /api/v1/auth/logout': {
    run: async (ctx) => {
      // a second session of B's, logged out: that session is gone, A's and B's others are not
      const other = new ApiClient(ctx.api.url);
      expect((await other.post('/api/v1/auth/login', { email: ctx.b.email, password: ctx.b.password })).status).toBe(200);
      const client = ctx.principal === 'session' ? other : ctx.client;
      expectNothingOfA(ctx, await client.post('/api/v1/auth/logout'), [204]);
      if (ctx.principal === 'session') expect((await other.get('/api/v1/me')).status).toBe(401);
      expect((await ctx.a.session.get('/api/v1/me')).status).toBe(200);
      expect((await ctx.b.session.get('/api/v1/me')).status).toBe(200);
    },
  },
  'GET /api/v1/me': { own: () => ({ path: '/api/v1/me' }) },
  'PATCH /api/v1/me': { own: () => ({ path: '/api/v1/me', body: { timezone: 'Europe/Berlin' } }) },
  'DELETE /api/v1/me': {
    run: async (ctx) => {
      // a throwaway creator of the same kind deletes itself; A is untouched
      const doomed = await party(ctx.api.url, `doomed-${ctx.principal}`);
      const client = ctx.principal === 'session' ? doomed.session : doomed.token;
      expectNothingOfA(ctx, await client.delete('/api/v1/me', { password: doomed.password }), [204]);
      expect((await client.get('/api/v1/me')).status).toBe(401);
      expect((await ctx.a.session.get('/api/v1/me')).status).toBe(200);
    },
  },
  'POST /api/v1/me/password': {
    run: async (ctx) => {
      // A's password is no currentPassword of B's
      expect(
        (await ctx.client.post('/api/v1/me/password', { currentPassword: ctx.a.password, newPassword: 'a-new-password-1' }))
          .status,
      ).toBe(403);
      // a throwaway creator changes its own password; A can still sign in with A's
      const changing = await party(ctx.api.url, `pw-${ctx.principal}`);
      const client = ctx.principal === 'session' ? changing.session : changing.token;
      expectNothingOfA(
        ctx,
        await client.post('/api/v1/me/password', { currentPassword: changing.password, newPassword: 'a-new-password-1' }),
        [204],
      );
      expect(
        (await new ApiClient(ctx.api.url).post('/api/v1/auth/login', { email: ctx.a.email, password: ctx.a.password })).status,
      ).toBe(200);
    },
  },
  'POST /api/v1/tokens': { own: () => ({ path: '/api/v1/tokens', body: { name: 'b integration' } }) },
  'GET /api/v1/tokens': { own: () => ({ path: '/api/v1/tokens' }) },
  'DELETE /api/v1/tokens/{id}': { foreign: (ctx) => ({ path: `/api/v1/tokens/${ctx.a.tokenId}` }) },
  'GET /api/v1/publishable-keys': { own: () => ({ path: '/api/v1/publishable-keys' }) },
  'POST /api/v1/publishable-keys': {
    own: () => ({ path: '/api/v1/publishable-keys', body: { name: 'b shop', allowedOrigins: ['https://b-shop.example.com'] } }),
  },
  'DELETE /api/v1/publishable-keys/{id}': { foreign: (ctx) => ({ path: `/api/v1/publishable-keys/${ctx.a.publishableKeyId}` }) },
  // a click id of A's names no resource of B's: the conversion is accepted and stored unattributed (conversions e2e)
  'POST /api/v1/track/lead': { own: () => ({ path: '/api/v1/track/lead', body: { customerId: 'b-customer' } }) },
  'POST /api/v1/track/sale': {
    own: () => ({ path: '/api/v1/track/sale', body: { customerId: 'b-customer', amount: 100, currency: 'EUR' } }),
  },
  'POST /api/v1/track/batch': {
    own: () => ({ path: '/api/v1/track/batch', body: { events: [{ kind: 'lead', customerId: 'b-customer' }] } }),
  },
  'GET /lp.js': { run: async (ctx) => expectNothingOfA(ctx, await new ApiClient(ctx.api.url).get('/lp.js'), [200]) },
  'GET /api/v1/links': { own: () => ({ path: '/api/v1/links?archived=false' }) },
  'GET /api/v1/links/export.csv': { own: () => ({ path: '/api/v1/links/export.csv' }) },
  'POST /api/v1/links': { own: () => ({ path: '/api/v1/links', body: { url: 'https://b.example.com/another' } }) },
  'GET /api/v1/links/{id}': { foreign: (ctx) => ({ path: `/api/v1/links/${ctx.a.link.id}` }) },
  'PATCH /api/v1/links/{id}': {
    foreign: (ctx) => ({
      path: `/api/v1/links/${ctx.a.link.id}`,
      body: { title: 'taken over', url: 'https://evil.example.com/' },
    }),
  },
  'DELETE /api/v1/links/{id}': { foreign: (ctx) => ({ path: `/api/v1/links/${ctx.a.link.id}` }) },
  'GET /api/v1/links/{id}/qr.svg': { foreign: (ctx) => ({ path: `/api/v1/links/${ctx.a.link.id}/qr.svg` }) },
  'GET /api/v1/links/{id}/qr.png': { foreign: (ctx) => ({ path: `/api/v1/links/${ctx.a.link.id}/qr.png?size=64` }) },
  'GET /api/v1/profile': { own: () => ({ path: '/api/v1/profile' }) },
  'PUT /api/v1/profile': {
    foreign: (ctx) => ({
      path: '/api/v1/profile',
      body: { bio: 'mine now', links: [{ linkId: ctx.a.link.id, position: 0, visible: true }] },
    }),
    own: (ctx) => ({
      path: '/api/v1/profile',
      body: { bio: 'B’s own bio', links: [{ linkId: ctx.b.link.id, position: 0, visible: true }] },
    }),
  },
  'PUT /api/v1/profile/avatar': { own: () => ({ path: '/api/v1/profile/avatar', body: { image: AVATAR_PNG } }) },
  'GET /api/v1/analytics/overview': analytics('overview', '&compare=previous'),
  'GET /api/v1/analytics/timeseries': analytics('timeseries', '&interval=hour'),
  'GET /api/v1/analytics/breakdown': analytics('breakdown', '&by=link&limit=100'),
  'GET /api/v1/analytics/time-patterns': analytics('time-patterns'),
  'GET /api/v1/analytics/export.csv': analytics('export.csv'),
  'GET /api/v1/analytics/funnel': analytics('funnel', '&steps=click,lead,sale&by=source'),
  'GET /api/v1/analytics/conversions.csv': analytics('conversions.csv'),
  'GET /api/v1/analytics/journeys': { own: () => ({ path: `/api/v1/analytics/journeys?${RANGE()}&limit=100` }) },
  'GET /api/v1/analytics/paths': { own: () => ({ path: `/api/v1/analytics/paths?${RANGE()}&limit=50` }) },
  'GET /api/v1/analytics/segments': { own: () => ({ path: `/api/v1/analytics/segments?${RANGE()}&compare=previous&by=link` }) },
  'GET /api/v1/customers': { own: () => ({ path: '/api/v1/customers?limit=100' }) },
  'GET /api/v1/customers/{customerId}': {
    foreign: (ctx) => ({ path: `/api/v1/customers/${ctx.a.customerId}` }),
    own: (ctx) => ({ path: `/api/v1/customers/${ctx.b.customerId}` }),
  },
  'GET /api/v1/analytics/live': {
    run: async (ctx) => {
      const foreign = await ctx.client.get(`/api/v1/analytics/live?linkId=${ctx.a.link.id}`);
      expect(foreign.status).toBe(404);
      expectNothingOfA(ctx, foreign, [404]);
      // the stream itself is checked once for both principals, in its own test below
    },
  },
  'POST /api/v1/reports': {
    foreign: (ctx) => ({ path: '/api/v1/reports', body: { linkId: ctx.a.link.id, tz: 'UTC' } }),
    own: () => ({ path: '/api/v1/reports', body: { tz: 'UTC' } }),
  },
  'GET /api/v1/reports': { own: () => ({ path: '/api/v1/reports' }) },
  'GET /api/v1/reports/{id}': { foreign: (ctx) => ({ path: `/api/v1/reports/${ctx.a.reportId}` }) },
  'DELETE /api/v1/reports/{id}': { foreign: (ctx) => ({ path: `/api/v1/reports/${ctx.a.reportId}` }) },
  'GET /api/v1/report-schedules': { own: () => ({ path: '/api/v1/report-schedules' }) },
  'POST /api/v1/report-schedules': {
    foreign: (ctx) => ({
      path: '/api/v1/report-schedules',
      body: { frequency: 'weekly', dayOfWeek: 1, hour: 8, linkId: ctx.a.link.id },
    }),
    own: () => ({ path: '/api/v1/report-schedules', body: { frequency: 'monthly', hour: 7 } }),
  },
  'DELETE /api/v1/report-schedules/{id}': { foreign: (ctx) => ({ path: `/api/v1/report-schedules/${ctx.a.scheduleId}` }) },
  'POST /api/v1/imports': {
    // B imports a row naming A's slug and target: skipped as taken, with nothing of A's in the report
    run: async (ctx) => {
      const csv = `url,slug\nhttps://a-only-target.example/private?campaign=a,${ctx.a.link.slug}\nhttps://b.example.com/${ctx.principal},\n`;
      const reply = await ctx.client.request('POST', '/api/v1/imports', csv, { 'content-type': 'text/csv' });
      expectNothingOfA(ctx, reply, [202], csv);
      const done = await eventually(
        async () => {
          const state = await ctx.client.get(`/api/v1/imports/${reply.body.id}`);
          return state.body.status === 'done' ? state : null;
        },
        15_000,
        "B's import",
      );
      expectNothingOfA(ctx, done, [200], csv);
      expect(done.body.rows.map((row: { reason: string | null }) => row.reason)).toEqual(['duplicate_slug', null]);
      expect(done.body.rows[0].message).toBe('this slug is taken');
    },
  },
  'GET /api/v1/imports': { own: () => ({ path: '/api/v1/imports' }) },
  'POST /api/v1/shares': {
    foreign: (ctx) => ({ path: '/api/v1/shares', body: { linkId: ctx.a.link.id } }),
    own: () => ({ path: '/api/v1/shares', body: {} }),
  },
  'GET /api/v1/shares': { own: () => ({ path: '/api/v1/shares' }) },
  'DELETE /api/v1/shares/{id}': { foreign: (ctx) => ({ path: `/api/v1/shares/${ctx.a.shareId}` }) },
  // the shared view is public: B's share shows nothing of A's, and names none of A's links
  'GET /api/v1/shared/{token}': shared(''),
  'POST /api/v1/shared/{token}/unlock': {
    run: async (ctx) => {
      const reply = await ctx.client.post(`/api/v1/shared/${ctx.b.shareToken}/unlock`, { password: 'a guess' });
      expectNothingOfA(ctx, reply, [400]);
    },
  },
  'GET /api/v1/shared/{token}/overview': shared('/overview'),
  'GET /api/v1/shared/{token}/timeseries': shared('/timeseries', '&interval=day'),
  'GET /api/v1/shared/{token}/breakdown': shared('/breakdown', '&by=link'),
  'GET /api/v1/shared/{token}/time-patterns': shared('/time-patterns'),
  'GET /api/v1/imports/{id}': { foreign: (ctx) => ({ path: `/api/v1/imports/${ctx.a.importId}` }) },
  'GET /api/v1/alerts': { own: () => ({ path: '/api/v1/alerts' }) },
  'PATCH /api/v1/alerts/{id}': { foreign: (ctx) => ({ path: `/api/v1/alerts/${ctx.a.alertId}`, body: { read: true } }) },
  'GET /api/v1/alert-settings': { own: () => ({ path: '/api/v1/alert-settings' }) },
  'GET /api/v1/webhooks': { own: () => ({ path: '/api/v1/webhooks' }) },
  'POST /api/v1/webhooks': { own: () => ({ path: '/api/v1/webhooks', body: { url: `${WEBHOOK_TARGET}/b`, events: ['alert'] } }) },
  'PATCH /api/v1/webhooks/{id}': {
    foreign: (ctx) => ({ path: `/api/v1/webhooks/${ctx.a.webhookId}`, body: { events: ['click'], enabled: false } }),
  },
  'DELETE /api/v1/webhooks/{id}': { foreign: (ctx) => ({ path: `/api/v1/webhooks/${ctx.a.webhookId}` }) },
  'POST /api/v1/webhooks/{id}/test': { foreign: (ctx) => ({ path: `/api/v1/webhooks/${ctx.a.webhookId}/test` }) },
  'GET /api/v1/webhooks/{id}/deliveries': { foreign: (ctx) => ({ path: `/api/v1/webhooks/${ctx.a.webhookId}/deliveries` }) },
  'PUT /api/v1/alert-settings': {
    own: () => ({ path: '/api/v1/alert-settings', body: { enabled: true, threshold: 4, minVolume: 30, kinds: ['spike'] } }),
  },
};

/** Everything that would show A's data: ids, names, the secret target, the token's secret. */
function markersOf(a: Party): string[] {
  return [
    a.id,
    a.email,
    a.username,
    a.link.id,
    a.link.slug,
    'a-only-target.example',
    a.tokenId,
    a.tokenSecret,
    a.reportId,
    a.scheduleId,
    a.importId,
    a.shareId,
    a.shareToken,
    'a-secret.csv',
    a.customerId,
    a.alertId,
    a.webhookId,
  ];
}

/** `sent`: what B's request held (an id of A's that B named may be echoed back: B knew it already). */
function expectNothingOfA(ctx: Ctx, reply: Reply, statuses: number[], sent = ''): void {
  if (!statuses.includes(reply.status))
    throw new Error(`expected ${statuses.join(' or ')}, got ${reply.status}: ${reply.text.slice(0, 300)}`);
  const text = reply.text.toLowerCase();
  for (const marker of markersOf(ctx.a)) {
    if (sent.includes(marker)) continue;
    if (text.includes(marker.toLowerCase()))
      throw new Error(`${reply.status} answer shows A's ${marker}: ${reply.text.slice(0, 500)}`);
  }
}

let parties = 0;

/** A creator with a password of its own, an API token, a link on its page, a report and a schedule. */
async function party(url: string, label: string): Promise<Party> {
  const username = `iso_${label.toLowerCase().replace(/[^a-z]/g, '')}_${process.pid}_${parties++}`.slice(0, 30);
  const creator = {
    client: new ApiClient(url),
    email: `${username}@example.com`,
    username,
    password: `${label} password ${randomUUID()}`,
    id: '',
  };
  const signup = await creator.client.post('/api/v1/auth/signup', { email: creator.email, password: creator.password, username });
  if (signup.status !== 201) throw new Error(`signup of ${label}: ${signup.status} ${signup.text}`);
  creator.id = signup.body.creator.id;
  const token = await creator.client.post('/api/v1/tokens', { name: `${label} token` });
  const link = await creator.client.post('/api/v1/links', {
    url:
      label === 'A' ? 'https://a-only-target.example/private?campaign=a' : `https://${label.toLowerCase()}.example.com/landing`,
    slug: label === 'A' ? `a-secret-slug-${Date.now() % 1e6}` : undefined,
    title: `${label}'s link`,
    onProfile: true,
  });
  const report = await creator.client.post('/api/v1/reports', { tz: 'UTC' });
  const schedule = await creator.client.post('/api/v1/report-schedules', {
    frequency: 'weekly',
    dayOfWeek: 3,
    hour: 9,
    linkId: link.body.id,
  });
  const publishableKey = await creator.client.post('/api/v1/publishable-keys', {
    name: 'shop',
    allowedOrigins: [`https://${label.toLowerCase().replace(/[^a-z]/g, '')}.example.com`],
  });
  const customerId = `${label.toLowerCase().replace(/[^a-z]/g, '')}-only-customer-${randomUUID()}`;
  const lead = await creator.client.withToken(token.body.token).post('/api/v1/track/lead', { customerId });
  const imported = await creator.client.request(
    'POST',
    `/api/v1/imports?filename=${label.toLowerCase()}-secret.csv`,
    `url\nhttps://${label.toLowerCase()}.example.com/imported\n`,
    {
      'content-type': 'text/csv',
    },
  );
  const share = await creator.client.post('/api/v1/shares', {});
  const webhook = await creator.client.post('/api/v1/webhooks', {
    url: `${WEBHOOK_TARGET}/${label.toLowerCase()}`,
    events: ['alert'],
  });
  for (const reply of [token, link, report, schedule, publishableKey, imported, share, lead, webhook])
    if (reply.status >= 300) throw new Error(`setup of ${label}: ${reply.status} ${reply.text}`);
  return {
    id: creator.id,
    email: creator.email,
    username: creator.username,
    password: creator.password,
    session: creator.client,
    token: creator.client.withToken(token.body.token),
    tokenId: token.body.id,
    tokenSecret: token.body.token,
    publishableKeyId: publishableKey.body.id,
    link: { id: link.body.id, slug: link.body.slug },
    reportId: report.body.id,
    scheduleId: schedule.body.id,
    importId: imported.body.id,
    shareId: share.body.id,
    shareToken: share.body.url.split('/share/')[1],
    customerId,
    alertId: randomUUID(),
    webhookId: webhook.body.id,
  };
}

/** An alert of the party's, as the worker would raise it, naming its link among the drivers. */
async function insertAlert(db: pg.Client, party: Party): Promise<void> {
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
  await db.query(
    `INSERT INTO alerts (creator_id, id, link_id, kind, first_hour, last_hour, peak_hour, peak, drivers)
     VALUES ($1, $2, $3, 'spike', $4, $4, $4, $5, $6)`,
    [
      party.id,
      party.alertId,
      party.link.id,
      hour,
      JSON.stringify([{ metric: 'clicks', value: 90, expected: 10, score: 8 }]),
      JSON.stringify([
        { dimension: 'link', value: party.link.id, label: `/${party.link.slug}`, count: 80, share: 0.9, baselineShare: 0.1 },
      ]),
    ],
  );
}

const click = (api: RunningApi, slug: string): Promise<Response> =>
  fetch(`${api.url}/${slug}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });

describe('isolation between creators, over every documented operation', () => {
  let api: RunningApi;
  let worker: INestApplicationContext;
  let db: pg.Client;
  let operations: Operation[];
  let a: Party;
  let b: Party;
  /** `principal key` of every operation exercised */
  const exercised = new Set<string>();

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker();
    db = await connectDatabase();
    operations = await documentedOperations(api.url);
    a = await party(api.url, 'A');
    b = await party(api.url, 'B');
    for (const p of [a, b]) await insertAlert(db, p);
    // both have traffic, so the analytics B reads are not trivially empty
    expect((await click(api, a.link.slug)).status).toBe(302);
    expect((await click(api, b.link.slug)).status).toBe(302);
    await eventually(
      async () => {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM events WHERE link_id = ANY($1)', [
          [a.link.id, b.link.id],
        ]);
        return rows[0].n === 2;
      },
      15_000,
      'both clicks stored',
    );
    await eventually(
      async () => {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM customers WHERE customer_id = ANY($1)', [
          [a.customerId, b.customerId],
        ]);
        return rows[0].n === 2;
      },
      30_000,
      'both customers stored',
    );
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await api?.close();
  });

  it('has a case for every documented operation, and none for an operation that is not documented', () => {
    expect(operations.map((op) => op.key).sort()).toEqual(Object.keys(CASES).sort());
  });

  it('treats every operation that takes an id or a linkId as one to try with A’s ids', () => {
    for (const op of operations) {
      const takesId =
        op.parameters.some((p) => p.in === 'path' || p.name === 'linkId') || JSON.stringify(op.body ?? {}).includes('linkId');
      const testCase = CASES[op.key];
      if (takesId)
        expect({ op: op.key, covered: 'foreign' in testCase || 'run' in testCase }).toEqual({ op: op.key, covered: true });
    }
  });

  it('answers 401 to every authenticated operation without credentials, and 403 to a cookie write without the CSRF header', async () => {
    const anonymous = new ApiClient(api.url);
    for (const op of operations.filter((o) => o.authenticated)) {
      const path = op.path.replace('{id}', '00000000-0000-4000-8000-000000000000');
      const reply = await anonymous.request(op.method, path, op.method === 'GET' ? undefined : {});
      expect({ op: op.key, status: reply.status }).toEqual({ op: op.key, status: 401 });
      if (op.method !== 'GET') {
        const cookie = (b.session as unknown as { cookie: string }).cookie;
        const response = await fetch(api.url + path, {
          method: op.method,
          headers: { cookie, 'content-type': 'application/json' },
          body: '{}',
        });
        expect({ op: op.key, status: response.status }).toEqual({ op: op.key, status: 403 });
      }
    }
  });

  for (const principal of ['session', 'token'] as const) {
    it(`gives B (${principal}) a 404 for each of A's ids and nothing of A's anywhere`, async () => {
      const client = principal === 'session' ? b.session : b.token;
      const ctx: Ctx = { a, b, client, principal, api };
      for (const op of operations) {
        const testCase = CASES[op.key];
        if (!testCase) continue;
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
        if ('run' in testCase) {
          await testCase.run(ctx);
        } else {
          if (testCase.foreign) {
            const request = testCase.foreign(ctx);
            const reply = await client.request(op.method, request.path, request.body ?? body);
            expect({ op: op.key, status: reply.status, body: reply.body?.error }).toEqual({
              op: op.key,
              status: 404,
              body: 'Not Found',
            });
            expectNothingOfA(ctx, reply, [404], JSON.stringify(request));
          }
          if (testCase.own) {
            const request = testCase.own(ctx);
            const reply = await client.request(op.method, request.path, request.body ?? body);
            expect({ op: op.key, status: reply.status < 300 }).toEqual({ op: op.key, status: true });
            expectNothingOfA(ctx, reply, [200, 201, 202, 204]);
          }
        }
        exercised.add(`${principal} ${op.key}`);
      }
    }, 60_000);
  }

  it('left every one of A’s resources as it was', async () => {
    const link = await a.session.get(`/api/v1/links/${a.link.id}`);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({
      title: "A's link",
      url: 'https://a-only-target.example/private?campaign=a',
      slug: a.link.slug,
    });
    expect((await a.token.get('/api/v1/me')).body.id).toBe(a.id);
    expect((await a.session.get('/api/v1/tokens')).body.items.map((t: { id: string }) => t.id)).toContain(a.tokenId);
    expect([200, 202]).toContain((await a.session.get(`/api/v1/reports/${a.reportId}`)).status);
    expect((await a.session.get('/api/v1/report-schedules')).body.items.map((s: { id: string }) => s.id)).toEqual([a.scheduleId]);
    expect((await a.session.get('/api/v1/alerts')).body).toMatchObject({ items: [{ id: a.alertId, read: false }], unread: 1 });
    expect((await a.session.get('/api/v1/alert-settings')).body).toMatchObject({ threshold: 3, minVolume: 20 });
    expect((await a.session.get('/api/v1/webhooks')).body.items).toEqual([
      expect.objectContaining({ id: a.webhookId, events: ['alert'], enabled: true, url: `${WEBHOOK_TARGET}/a` }),
    ]);
    expect((await a.session.get(`/api/v1/webhooks/${a.webhookId}/deliveries`)).body.items).toEqual([]);
    const profile = await a.session.get('/api/v1/profile');
    expect(profile.body.bio).toBe('');
    // A's page shows A's link (the link A imported is not on it)
    expect(profile.body.links.filter((l: { visible: boolean }) => l.visible).map((l: { linkId: string }) => l.linkId)).toEqual([
      a.link.id,
    ]);
    expect((await click(api, a.link.slug)).headers.get('location')).toBe('https://a-only-target.example/private?campaign=a');
  });

  it('exports to B only B’s events, and streams to B only B’s clicks', async () => {
    const csv = await b.token.get(`/api/v1/analytics/export.csv?${RANGE()}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(b.link.id);
    expect(csv.text).not.toContain(a.link.id);
    expect(csv.text).not.toContain(a.id);
    const conversions = await b.token.get(`/api/v1/analytics/conversions.csv?${RANGE()}`);
    expect(conversions.status).toBe(200);
    expect(conversions.text).not.toContain(a.link.id);

    const cookieOf = (client: ApiClient) => (client as unknown as { cookie: string }).cookie;
    const streams = {
      a: await EventStreamReader.open(`${api.url}/api/v1/analytics/live`, { cookie: cookieOf(a.session) }),
      bSession: await EventStreamReader.open(`${api.url}/api/v1/analytics/live`, { cookie: cookieOf(b.session) }),
      bToken: await EventStreamReader.open(`${api.url}/api/v1/analytics/live`, { authorization: `Bearer ${b.tokenSecret}` }),
      bLink: await EventStreamReader.open(`${api.url}/api/v1/analytics/live?linkId=${b.link.id}`, {
        authorization: `Bearer ${b.tokenSecret}`,
      }),
    };
    try {
      for (const stream of Object.values(streams)) expect(stream.status).toBe(200);
      // `: connected` comes once the API's subscription to the creator's channel is acknowledged
      await eventually(
        async () => Object.values(streams).every((s) => s.text.includes(': connected')),
        15_000,
        'streams subscribed',
      );
      expect((await click(api, a.link.slug)).status).toBe(302);
      await eventually(
        async () => streams.a.events<{ linkId: string }>().some((e) => e.linkId === a.link.id),
        15_000,
        'A sees its click',
      );
      expect((await click(api, b.link.slug)).status).toBe(302);
      for (const stream of [streams.bSession, streams.bToken, streams.bLink]) {
        await eventually(
          async () => stream.events<{ linkId: string }>().some((e) => e.linkId === b.link.id),
          15_000,
          'B sees its click',
        );
      }
      // A's click was published before B's: had B been sent it, it would be here by now
      for (const stream of [streams.bSession, streams.bToken, streams.bLink]) {
        expect(stream.text).not.toContain(a.link.id);
        expect(stream.events<{ linkId: string }>().every((e) => e.linkId === b.link.id)).toBe(true);
      }
    } finally {
      await Promise.all(Object.values(streams).map((s) => s.close()));
    }
  }, 60_000);

  it('exercised every documented operation as B, with a session and with a token', () => {
    const missing = operations
      .flatMap((op) => (['session', 'token'] as const).map((p) => `${p} ${op.key}`))
      .filter((key) => !exercised.has(key));
    expect(missing).toEqual([]);
  });
});
