import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DirectStore, hitAt, openDirectStore } from './support/direct-store.js';
import { ApiClient, newCreator, type Reply } from './support/http-client.js';
import { type RunningApi, startApi } from './support/stack.js';

const SHARES = '/api/v1/shares';
const HOUR = 3_600_000;

let api: RunningApi;
let store: DirectStore;

beforeAll(async () => {
  api = await startApi();
  store = await openDirectStore();
});

afterAll(async () => {
  await store?.close();
  await api?.close();
});

const range = () => {
  const to = new Date(Date.now() + HOUR);
  const from = new Date(to.getTime() - 3 * 24 * HOUR);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&tz=UTC`;
};

/** The path of a share's API from its dashboard address. */
const sharedApi = (url: string) => `/api/v1/shared/${url.split('/share/')[1]}`;

/** A creator with two links: 3 clicks on the first, 2 on the second, 1 profile view. */
async function creatorWithTraffic() {
  const creator = await newCreator(api.url);
  const first = (await creator.client.post('/api/v1/links', { url: 'https://shop.example.com/first', title: 'First' })).body;
  const second = (await creator.client.post('/api/v1/links', { url: 'https://shop.example.com/second', title: 'Second' })).body;
  const at = Date.now() - HOUR;
  await store.events.store([
    ...[1, 2, 3].map(() => hitAt(creator.id, at, { linkId: first.id })),
    ...[1, 2].map(() => hitAt(creator.id, at, { linkId: second.id, country: 'FR' })),
    hitAt(creator.id, at, { kind: 'view' }),
  ]);
  return { ...creator, first, second };
}

async function share(client: ApiClient, body: Record<string, unknown> = {}): Promise<{ id: string; url: string }> {
  const reply = await client.post(SHARES, body);
  if (reply.status !== 201) throw new Error(`share: ${reply.status} ${reply.text}`);
  return reply.body;
}

describe('shared dashboards', () => {
  it("shows a creator's analytics to anyone with the address, signed out", async () => {
    const a = await creatorWithTraffic();
    const made = await share(a.client);
    expect(made.url).toMatch(/^http:\/\/localhost:3000\/share\/[A-Za-z0-9_-]{24}$/);
    const visitor = new ApiClient(api.url);
    const meta = await visitor.get(sharedApi(made.url));
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual({
      scope: 'creator',
      username: a.username,
      timezone: 'UTC',
      link: null,
      expiresAt: null,
      locked: false,
    });
    const overview = await visitor.get(`${sharedApi(made.url)}/overview?${range()}`);
    expect([overview.status, overview.body.clicks.value, overview.body.profileViews.value]).toEqual([200, 5, 1]);
    const links = await visitor.get(`${sharedApi(made.url)}/breakdown?${range()}&by=link`);
    expect(links.body.rows.map((row: { label: string; clicks: number }) => [row.label, row.clicks])).toEqual([
      [`First (/${a.first.slug})`, 3],
      [`Second (/${a.second.slug})`, 2],
    ]);
    const series = await visitor.get(`${sharedApi(made.url)}/timeseries?${range()}&interval=day`);
    expect(series.body.points.reduce((sum: number, p: { clicks: number }) => sum + p.clicks, 0)).toBe(5);
    expect((await visitor.get(`${sharedApi(made.url)}/time-patterns?${range()}`)).status).toBe(200);
  });

  it("a link's share shows only that link: its numbers, its breakdowns, and no other link of the creator", async () => {
    const a = await creatorWithTraffic();
    const made = await share(a.client, { linkId: a.first.id });
    const visitor = new ApiClient(api.url);
    const meta = await visitor.get(sharedApi(made.url));
    expect(meta.body).toMatchObject({ scope: 'link', link: { id: a.first.id, slug: a.first.slug, title: 'First' } });
    const overview = await visitor.get(`${sharedApi(made.url)}/overview?${range()}`);
    expect(overview.body.clicks.value).toBe(3);
    const countries = await visitor.get(`${sharedApi(made.url)}/breakdown?${range()}&by=country`);
    expect(countries.body.rows.map((row: { value: string }) => row.value)).toEqual(['DE']);
    const links = await visitor.get(`${sharedApi(made.url)}/breakdown?${range()}&by=link`);
    expect(links.text).not.toContain(a.second.slug);
    // asking for the other link through this share is a 404, naming nothing
    const other = await visitor.get(`${sharedApi(made.url)}/overview?${range()}&linkId=${a.second.id}`);
    expect([other.status, other.text.includes(a.second.slug)]).toEqual([404, false]);
  });

  it('a revoked share answers 404, as an expired one and an unknown token do', async () => {
    const a = await creatorWithTraffic();
    const visitor = new ApiClient(api.url);
    const revoked = await share(a.client);
    expect((await visitor.get(sharedApi(revoked.url))).status).toBe(200);
    expect((await a.client.delete(`${SHARES}/${revoked.id}`)).status).toBe(204);
    const expired = await share(a.client, { expiresAt: new Date(Date.now() + HOUR).toISOString() });
    await store.db.query(`UPDATE shares SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    for (const url of [revoked.url, expired.url, 'http://x/share/AAAAAAAAAAAAAAAAAAAAAAAA', 'http://x/share/short']) {
      for (const path of ['', `/overview?${range()}`, `/breakdown?${range()}&by=country`]) {
        const reply = await visitor.get(`${sharedApi(url)}${path}`);
        expect([url, path, reply.status, reply.body.message]).toEqual([
          url,
          path,
          404,
          'This shared dashboard does not exist, was revoked or has expired',
        ]);
      }
    }
    expect((await a.client.get(SHARES)).body.items.map((s: { id: string }) => s.id)).toEqual([expired.id]);
  });

  it('a password share refuses its numbers without the password, opens for the right one, and limits guesses', async () => {
    const a = await creatorWithTraffic();
    const made = await share(a.client, { password: 'for the sponsor only' });
    expect(made).toMatchObject({ hasPassword: true });
    const visitor = new ApiClient(api.url);
    const path = sharedApi(made.url);
    expect((await visitor.get(path)).body).toMatchObject({ locked: true, username: a.username });
    const refused = await visitor.get(`${path}/overview?${range()}`);
    expect([refused.status, refused.body.message]).toEqual([401, 'This shared dashboard needs its password']);
    const wrong = await visitor.post(`${path}/unlock`, { password: 'not it' });
    expect([wrong.status, wrong.body.message]).toEqual([401, 'Wrong password']);
    const right = await fetch(`${api.url}${path}/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'for the sponsor only' }),
    });
    expect(right.status).toBe(204);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      new RegExp(`^lp_share=\\d+\\.[A-Za-z0-9_-]{43}; Max-Age=43200; Path=${path}; HttpOnly; SameSite=Strict$`),
    );
    const grant = cookie.split(';')[0]!;
    const opened = await visitor.get(`${path}/overview?${range()}`, { cookie: grant });
    expect([opened.status, opened.body.clicks.value]).toEqual([200, 5]);
    expect((await visitor.get(path, { cookie: grant })).body.locked).toBe(false);
    // the grant opens this share only
    const other = await share(a.client, { password: 'another password' });
    expect((await visitor.get(`${sharedApi(other.url)}/overview?${range()}`, { cookie: grant })).status).toBe(401);

    // ten wrong guesses, then 429 even for the right password, with Retry-After
    const replies: Reply[] = [];
    for (let i = 0; i < 10; i++) replies.push(await visitor.post(`${sharedApi(other.url)}/unlock`, { password: `guess ${i}` }));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(401));
    const limited = await visitor.post(`${sharedApi(other.url)}/unlock`, { password: 'another password' });
    expect([limited.status, limited.body.message]).toEqual([
      429,
      expect.stringMatching(/^Too many wrong passwords for this dashboard/),
    ]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const noPassword = await share(a.client);
    expect((await visitor.post(`${sharedApi(noPassword.url)}/unlock`, { password: 'x' })).status).toBe(400);
  });

  it("refuses bad input with 400s, and another creator's link or share with 404s", async () => {
    const a = await creatorWithTraffic();
    const b = await newCreator(api.url);
    const cases: [Record<string, unknown>, string][] = [
      [{ password: 'short' }, 'password must be longer than or equal to 8 characters'],
      [{ expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt must be in the future'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt must be an ISO 8601 date-time with a time zone'],
      [{ linkId: 'not-a-uuid' }, 'linkId must be a UUID'],
      [{ scope: 'all' }, 'property scope should not exist'],
    ];
    for (const [body, message] of cases) {
      const reply = await a.client.post(SHARES, body);
      expect([reply.status, reply.text]).toEqual([400, expect.stringContaining(message)]);
    }
    expect((await b.client.post(SHARES, { linkId: a.first.id })).status).toBe(404);
    const made = await share(a.client);
    expect((await b.client.delete(`${SHARES}/${made.id}`)).status).toBe(404);
    expect((await b.client.get(SHARES)).body.items).toEqual([]);
    expect((await new ApiClient(api.url).get(sharedApi(made.url))).status).toBe(200);
  });

  it('the address /share/{token} opens the shared view of the dashboard', async () => {
    const reply = await fetch(`${api.url}/share/AbCdEfGhIjKlMnOpQrStUvWx`, { redirect: 'manual' });
    expect([reply.status, reply.headers.get('location')]).toEqual([302, '/app/share/AbCdEfGhIjKlMnOpQrStUvWx']);
  });
});
