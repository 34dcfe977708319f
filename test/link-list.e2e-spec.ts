import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RollupService } from '@app/analytics';
import type { EnrichedHit } from '@app/common';
import type { EventStore } from '@app/events';
import { DataSource } from 'typeorm';
import { type DirectStore, openDirectStore } from './support/direct-store.js';
import { randomHits, seededRandom } from './support/random-events.js';
import { type ApiClient, newCreator, type Reply } from './support/http-client.js';
import { type RunningApi, startApi } from './support/stack.js';

const LINKS = '/api/v1/links';
const DAY = 86_400_000;

interface Listed {
  id: string;
  slug: string;
  title: string | null;
  shortUrl: string;
  clicks30d: number;
  tags: string[];
  archived: boolean;
}

let api: RunningApi;
let direct: DirectStore;
let db: DataSource;
let store: EventStore;
let rollups: RollupService;

beforeAll(async () => {
  api = await startApi();
  direct = await openDirectStore();
  ({ db, events: store, rollups } = direct);
});

afterAll(async () => {
  await direct?.close();
  await api?.close();
});

async function create(client: ApiClient, body: Record<string, unknown>): Promise<Listed> {
  const reply = await client.post(LINKS, body);
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** Every page of a listing, following nextCursor; the ids in order. */
async function allPages(client: ApiClient, query: string): Promise<Listed[]> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  do {
    const reply: Reply = await client.get(`${LINKS}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(reply.status).toBe(200);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return items;
}

/** The creator's days with pending events or dirty hours, rolled up (only theirs: other suites share the database). */
async function rollUp(creatorId: string): Promise<void> {
  const days: { day: Date }[] = await db.query(
    `SELECT date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day FROM rollup_dirty_hours WHERE creator_id = $1
      UNION
     SELECT date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00') FROM rollup_pending WHERE creator_id = $1`,
    [creatorId],
  );
  for (const { day } of days) await rollups.rollDay(creatorId, day);
}

describe('GET /links: the link list', () => {
  it("counts each link's clicks of the last 30 days exactly, from raw events and from rollups", async () => {
    const creator = await newCreator(api.url);
    const links = [
      await create(creator.client, { url: 'https://example.com/a' }),
      await create(creator.client, { url: 'https://example.com/b' }),
    ];
    const idle = await create(creator.client, { url: 'https://example.com/idle' });
    const now = Date.now();
    // 32 days back to now: some clicks fall before the window, bots and profile views too
    const hits = randomHits({
      creatorId: creator.id,
      links: links.map((link) => link.id),
      from: now - 32 * DAY,
      to: now - 1000,
      count: 1500,
      random: seededRandom(7),
    });
    await store.store(hits);
    const expected = (linkId: string, asOf: number) =>
      hits.filter(
        (hit: EnrichedHit) =>
          hit.linkId === linkId &&
          hit.kind === 'click' &&
          !hit.isBot &&
          hit.at >= Math.floor(asOf / DAY) * DAY - 29 * DAY &&
          hit.at < asOf,
      ).length;

    const counts = async () => {
      const before = Date.now();
      const reply = await creator.client.get(LINKS);
      const after = Date.now();
      // the window ends at the request: no hit lies between before and after
      expect(expected(links[0].id, before)).toBe(expected(links[0].id, after));
      return { reply, asOf: before };
    };
    const raw = await counts();
    const byId = (items: Listed[]) => new Map(items.map((item) => [item.id, item.clicks30d]));
    for (const link of links) expect(byId(raw.reply.body.items).get(link.id)).toBe(expected(link.id, raw.asOf));
    expect(byId(raw.reply.body.items).get(idle.id)).toBe(0);
    expect(expected(links[0].id, raw.asOf)).toBeGreaterThan(100);

    await rollUp(creator.id);
    const rolled = await counts();
    for (const link of links) expect(byId(rolled.reply.body.items).get(link.id)).toBe(expected(link.id, rolled.asOf));
  });

  it('sorts by clicks with ties broken by id, page after page, with nothing skipped or repeated', async () => {
    const creator = await newCreator(api.url);
    const links: Listed[] = [];
    for (let i = 0; i < 7; i++) links.push(await create(creator.client, { url: `https://example.com/${i}`, title: `Link ${i}` }));
    // clicks 3, 3, 3, 1, 0, 0, 0: ties on both ends
    const clicksOf = [3, 3, 3, 1, 0, 0, 0];
    const now = Date.now();
    const hits = links.flatMap((link, i) =>
      randomHits({
        creatorId: creator.id,
        links: [link.id],
        from: now - 2 * DAY,
        to: now - DAY,
        count: clicksOf[i],
        random: seededRandom(i),
      }).map((hit) => ({ ...hit, kind: 'click' as const, isBot: false, botName: null, linkId: link.id })),
    );
    await store.store(hits);

    const byClicks = (direction: 1 | -1) =>
      links
        .map((link, i) => ({ id: link.id, clicks: clicksOf[i] }))
        .sort((a, b) => direction * (a.clicks - b.clicks) || direction * (a.id < b.id ? -1 : 1))
        .map((entry) => entry.id);
    for (const limit of [1, 2, 3, 10]) {
      const desc = await allPages(creator.client, `sort=clicks&limit=${limit}`);
      expect(desc.map((item) => item.id)).toEqual(byClicks(-1));
      expect(desc.map((item) => item.clicks30d)).toEqual([3, 3, 3, 1, 0, 0, 0]);
    }
    expect((await allPages(creator.client, 'sort=clicks&order=asc&limit=2')).map((item) => item.id)).toEqual(byClicks(1));
  });

  it('sorts by title and by creation, both ways', async () => {
    const creator = await newCreator(api.url);
    const banana = await create(creator.client, { url: 'https://example.com/b', title: 'banana' });
    const apple = await create(creator.client, { url: 'https://example.com/a', title: 'Apple' });
    const untitled = await create(creator.client, { url: 'https://example.com/c', slug: `cherry${Date.now() % 1e6}` });
    const ids = async (query: string) => (await allPages(creator.client, query)).map((item) => item.id);
    expect(await ids('sort=title&limit=1')).toEqual([apple.id, banana.id, untitled.id]);
    expect(await ids('sort=title&order=desc&limit=2')).toEqual([untitled.id, banana.id, apple.id]);
    expect(await ids('limit=1')).toEqual([untitled.id, apple.id, banana.id]);
    expect(await ids('sort=created&order=asc&limit=2')).toEqual([banana.id, apple.id, untitled.id]);
  });

  it('filters by search, tag and status', async () => {
    const creator = await newCreator(api.url);
    const spring = await create(creator.client, {
      url: 'https://shop.example.com/spring',
      title: 'Spring sale',
      tags: ['Sale', 'shop'],
    });
    const summer = await create(creator.client, { url: 'https://example.com/summer', title: '50% off summer', tags: ['sale'] });
    const blog = await create(creator.client, { url: 'https://blog.example.com/post', title: 'Blog post', tags: ['blog'] });
    const old = await create(creator.client, {
      url: 'https://example.com/old',
      title: 'Old sale',
      expiresAt: new Date(Date.now() + DAY).toISOString(),
    });
    await db.query(`UPDATE links SET expires_at = now() - interval '1 hour' WHERE id = $1`, [old.id]);
    expect((await creator.client.patch(`${LINKS}/${blog.id}`, { archived: true })).status).toBe(200);

    const ids = async (query: string) => new Set((await allPages(creator.client, query)).map((item) => item.id));
    expect(await ids('search=SALE')).toEqual(new Set([spring.id, summer.id, old.id]));
    expect(await ids('search=50%25')).toEqual(new Set([summer.id]));
    expect(await ids('search=_')).toEqual(new Set());
    expect(await ids('search=shop.example')).toEqual(new Set([spring.id]));
    expect(await ids('tag=Sale')).toEqual(new Set([spring.id, summer.id]));
    expect(await ids('tag=shop&search=spring')).toEqual(new Set([spring.id]));
    expect(await ids('status=active')).toEqual(new Set([spring.id, summer.id]));
    expect(await ids('status=expired')).toEqual(new Set([old.id]));
    expect(await ids('status=archived')).toEqual(new Set([blog.id]));
    expect(await ids('')).toEqual(new Set([spring.id, summer.id, old.id]));
    expect(await ids('archived=true')).toEqual(new Set([blog.id]));
  });

  it.each([
    ['an unknown status', 'status=deleted', 'status must be one of active, archived, expired'],
    ['an unknown sort', 'sort=random', 'sort must be one of created, clicks, title'],
    ['an unknown order', 'order=up', 'order must be asc or desc'],
    ['a limit of 0', 'limit=0', 'limit must be a whole number from 1 to 500'],
    ['a limit too large', 'limit=501', 'limit must be a whole number from 1 to 500'],
    ['a limit that is no number', 'limit=ten', 'limit must be a whole number from 1 to 500'],
    ['a cursor that is not one', 'cursor=abc', 'cursor is not valid'],
    ['a search too long', `search=${'x'.repeat(201)}`, 'search must be shorter than or equal to 200 characters'],
  ])('refuses %s with a 400', async (_, query, message) => {
    const creator = await newCreator(api.url);
    const reply = await creator.client.get(`${LINKS}?${query}`);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.message)).toContain(message);
  });

  it("refuses a cursor from another sort, and another creator's cursor shows only the caller's links", async () => {
    const ana = await newCreator(api.url);
    const bob = await newCreator(api.url);
    for (let i = 0; i < 3; i++) await create(ana.client, { url: `https://example.com/${i}` });
    const bobs = await create(bob.client, { url: 'https://example.com/bob' });
    const first = await ana.client.get(`${LINKS}?sort=clicks&limit=1`);
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await ana.client.get(`${LINKS}?sort=title&cursor=${cursor}`)).status).toBe(400);
    const borrowed = await bob.client.get(`${LINKS}?sort=clicks&cursor=${cursor}`);
    expect(borrowed.status).toBe(200);
    expect(borrowed.body.items.every((item: Listed) => item.id === bobs.id)).toBe(true);
  });

  it('exports every link as CSV, archived ones too, in the plain import format first, formulas defused', async () => {
    const creator = await newCreator(api.url);
    const slug = `exp${Date.now() % 1e7}`;
    const first = await create(creator.client, {
      url: 'https://example.com/a?x=1,2',
      slug,
      title: '=HYPERLINK("evil")',
      tags: ['b', 'a'],
    });
    const second = await create(creator.client, { url: 'https://example.com/b', slug: `${slug}b` });
    expect((await creator.client.patch(`${LINKS}/${second.id}`, { archived: true })).status).toBe(200);
    await store.store(
      randomHits({
        creatorId: creator.id,
        links: [first.id],
        from: Date.now() - 3_600_000,
        to: Date.now() - 1000,
        count: 40,
        random: seededRandom(9),
      }),
    );
    const clicks = (await creator.client.get(LINKS)).body.items.find((item: Listed) => item.id === first.id).clicks30d;
    expect(clicks).toBeGreaterThan(0);

    const reply = await creator.client.get(`${LINKS}/export.csv`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="links.csv"');
    const lines = reply.text.split('\r\n');
    expect(lines[0]).toBe('url,slug,title,tags,short_url,created_at,expires_at,archived,clicks_30d');
    expect(lines).toHaveLength(4);
    const shortUrl = (s: string) => `${first.shortUrl.slice(0, -first.slug.length)}${s}`;
    expect(lines[1]).toMatch(
      new RegExp(
        `^"https://example.com/a\\?x=1,2",${slug},"'=HYPERLINK\\(""evil""\\)","b,a",${shortUrl(slug)},[0-9T:.Z-]+,,false,${clicks}$`,
      ),
    );
    expect(lines[2]).toMatch(new RegExp(`^https://example.com/b,${slug}b,,,${shortUrl(`${slug}b`)},[0-9T:.Z-]+,,true,0$`));
    expect(lines[3]).toBe('');
  });
});
