import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import type pg from 'pg';
import { newCreator } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

/*
 * One client inflating a link's numbers: every request is still redirected, but past 30 a minute
 * from one address on one link (or one page) the hits are counted as bots named 'rate-limited'.
 * A viral burst — many addresses, each clicking once — is counted in full.
 */

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('click floods', () => {
  let api: RunningApi;
  let worker: INestApplicationContext;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi({ CLICK_FLOOD_LIMIT: '30' });
    worker = await startWorker();
    db = await connectDatabase();
  });
  afterAll(async () => {
    await db.end();
    await worker.close();
    await api.close();
  });

  const hit = (path: string, address: string): Promise<Response> =>
    fetch(`${api.url}${path}`, { redirect: 'manual', headers: { 'user-agent': IPHONE, 'x-forwarded-for': address } });

  async function stored(
    creatorId: string,
    total: number,
  ): Promise<{ kind: string; link_id: string | null; is_bot: boolean; bot_name: string | null; n: number }[]> {
    await eventually(
      async () =>
        (await db.query('SELECT count(*)::int AS n FROM events WHERE creator_id = $1', [creatorId])).rows[0].n === total,
      20_000,
      `${total} events`,
    );
    const { rows } = await db.query(
      `SELECT kind, link_id, is_bot, bot_name, count(*)::int AS n FROM events WHERE creator_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`,
      [creatorId],
    );
    return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }

  const sorted = <T>(rows: T[]): T[] => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('redirects every click of one client, counts 30 a minute on a link, and the rest as rate-limited bots', async () => {
    const creator = await newCreator(api.url);
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/sale' })).body;
    const other = (await creator.client.post('/api/v1/links', { url: 'https://example.com/other' })).body;
    for (let i = 0; i < 45; i++) {
      const response = await hit(`/${link.slug}?utm_source=ig`, '198.51.100.50');
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://example.com/sale?utm_source=ig');
    }
    // the same client on another link is another count
    for (let i = 0; i < 5; i++) expect((await hit(`/${other.slug}`, '198.51.100.50')).status).toBe(302);
    // and another client on the first link too
    expect((await hit(`/${link.slug}`, '198.51.100.51')).status).toBe(302);

    expect(await stored(creator.id, 51)).toEqual(
      sorted([
        { kind: 'click', link_id: link.id, is_bot: false, bot_name: null, n: 31 },
        { kind: 'click', link_id: link.id, is_bot: true, bot_name: 'rate-limited', n: 15 },
        { kind: 'click', link_id: other.id, is_bot: false, bot_name: null, n: 5 },
      ]),
    );

    const range = `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&tz=UTC`;
    const overview = await creator.client.get(`/api/v1/analytics/overview?${range}&linkId=${link.id}`);
    expect(overview.body.clicks.value).toBe(31);
    expect(overview.body.botHits.value).toBe(15);
    const bots = await creator.client.get(`/api/v1/analytics/breakdown?${range}&by=bot`);
    expect(bots.status).toBe(200);
    expect(bots.body.rows).toEqual([expect.objectContaining({ value: 'rate-limited', botHits: 15 })]);
  }, 60_000);

  it('counts only human-looking hits toward the limit: 40 crawler hits from an office address leave its next visitor a click', async () => {
    const creator = await newCreator(api.url);
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/office' })).body;
    const crawler = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${api.url}/${link.slug}`, {
        redirect: 'manual',
        headers: { 'user-agent': crawler, 'x-forwarded-for': '198.51.100.60' },
      });
      expect(response.status).toBe(302);
    }
    expect((await hit(`/${link.slug}`, '198.51.100.60')).status).toBe(302);
    expect(await stored(creator.id, 41)).toEqual(
      sorted([
        { kind: 'click', link_id: link.id, is_bot: false, bot_name: null, n: 1 },
        { kind: 'click', link_id: link.id, is_bot: true, bot_name: 'Googlebot', n: 40 },
      ]),
    );
  }, 60_000);

  it('counts a viral burst in full: 300 clicks in seconds from 300 addresses, IPv4 and IPv6', async () => {
    const creator = await newCreator(api.url);
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/viral' })).body;
    const addresses = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `2001:db8:${i.toString(16)}::1` : `10.${i >> 8}.${i & 255}.9`,
    );
    for (let batch = 0; batch < addresses.length; batch += 50) {
      const responses = await Promise.all(addresses.slice(batch, batch + 50).map((address) => hit(`/${link.slug}`, address)));
      expect(responses.every((r) => r.status === 302)).toBe(true);
    }
    expect(await stored(creator.id, 300)).toEqual([{ kind: 'click', link_id: link.id, is_bot: false, bot_name: null, n: 300 }]);
  }, 60_000);

  it('treats an IPv6 client’s whole /48 as one client (40 addresses in 40 /64s), and floods of a profile page alike', async () => {
    const creator = await newCreator(api.url);
    for (let i = 0; i < 35; i++)
      expect((await hit(`/@${creator.username}`, `2001:db8:77:${(i + 1).toString(16)}::1`)).status).toBe(200);
    expect(await stored(creator.id, 35)).toEqual(
      sorted([
        { kind: 'view', link_id: null, is_bot: false, bot_name: null, n: 30 },
        { kind: 'view', link_id: null, is_bot: true, bot_name: 'rate-limited', n: 5 },
      ]),
    );
  }, 60_000);
});
