import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataSourceOptions } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { newCreator } from './support/http-client.js';
import { randomHits } from './support/random-events.js';
import { connectDatabase, type RunningApi, startApi } from './support/stack.js';

/*
 * Input the API refuses with a clear 400 and no write: control and bidirectional-override
 * characters, bytes that are not UTF-8, link targets that lead back to this instance. And analytics
 * bounds finer than a millisecond, which are rounded up (never truncated).
 */

describe('input refused at the edge', () => {
  let api: RunningApi;
  let db: pg.Client;
  let creator: Awaited<ReturnType<typeof newCreator>>;

  beforeAll(async () => {
    api = await startApi();
    db = await connectDatabase();
    creator = await newCreator(api.url);
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  const rowsOf = async (table: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE creator_id = $1`, [creator.id])).rows[0].n;

  it.each([
    ['ESC in a link title', 'POST', '/api/v1/links', { url: 'https://example.com/', title: 'Sale \u001b[2J' }, 'title', 'U+001B'],
    ['BEL in a token name', 'POST', '/api/v1/tokens', { name: 'ci\u0007' }, 'name', 'U+0007'],
    ['RIGHT-TO-LEFT OVERRIDE in the profile bio', 'PUT', '/api/v1/profile', { bio: 'my cv\u202efdp.exe' }, 'bio', 'U+202E'],
    ['a C1 control in the profile title', 'PUT', '/api/v1/profile', { title: 'Ana\u009b' }, 'title', 'U+009B'],
  ])('%s is a 400 naming the field and the character, and nothing is written', async (_, method, path, body, field, code) => {
    const before = [await rowsOf('links'), await rowsOf('api_tokens')];
    const profileBefore = (await creator.client.get('/api/v1/profile')).body;
    const reply = await creator.client.request(method, path, body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining(`${field} must not contain control or bidirectional-override characters (${code}`),
    });
    expect([await rowsOf('links'), await rowsOf('api_tokens')]).toEqual(before);
    expect((await creator.client.get('/api/v1/profile')).body).toEqual(profileBefore);
  });

  it('bytes that are not UTF-8 are a 400, not replaced with U+FFFD and stored', async () => {
    const before = await rowsOf('links');
    const body = Buffer.concat([
      Buffer.from('{"url":"https://example.com/","title":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const cookie = (creator.client as unknown as { cookie: string }).cookie;
    const response = await fetch(`${api.url}/api/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'linkpulse' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The body must be valid UTF-8' });
    expect(await rowsOf('links')).toBe(before);
  });

  it('keeps line breaks, tabs and right-to-left marks', async () => {
    const reply = await creator.client.put('/api/v1/profile', { bio: 'line one\nline two\tשלום\u200f' });
    expect(reply.status).toBe(200);
    expect(reply.body.bio).toBe('line one\nline two\tשלום\u200f');
  });

  it.each([
    'http://localhost:3000/x',
    'http://LOCALHOST./x',
    'http://0.0.0.0/x',
    'http://127.0.0.2/x',
    'http://127.1/x',
    'http://[::1]/x',
    'http://[::ffff:127.0.0.1]/x',
    `${new URL(process.env.PUBLIC_URL ?? 'http://localhost:3000').origin}/x`,
  ])('a link to %s (this instance, or the visitor’s own machine) is refused, as url or fallbackUrl', async (target) => {
    const before = await rowsOf('links');
    const created = await creator.client.post('/api/v1/links', { url: target });
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/^url must not point at this Linkpulse instance/);
    const fallback = await creator.client.post('/api/v1/links', { url: 'https://example.com/', fallbackUrl: target });
    expect(fallback.status).toBe(400);
    expect(fallback.body.message).toMatch(/^fallbackUrl must not point at this Linkpulse instance/);
    expect(await rowsOf('links')).toBe(before);
  });

  it('a link changed to point at this machine is refused and left as it was', async () => {
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/ok' })).body;
    expect((await creator.client.patch(`/api/v1/links/${link.id}`, { url: 'http://127.0.0.9/' })).status).toBe(400);
    expect((await creator.client.get(`/api/v1/links/${link.id}`)).body.url).toBe('https://example.com/ok');
  });

  it('rounds analytics bounds finer than a millisecond up: a click at .172 is before from=….1724', async () => {
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/precise' })).body;
    const at = Date.parse('2026-03-02T10:00:00.172Z');
    const source = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await source.initialize();
    try {
      const [click] = randomHits({ creatorId: creator.id, links: [link.id], from: at, to: at + 1, count: 1, random: () => 0.5 });
      await new EventStore(source, new EventPartitions(source)).store([click]);
    } finally {
      await source.destroy();
    }
    const clicks = async (from: string, to: string): Promise<number> => {
      const reply = await creator.client.get(`/api/v1/analytics/overview?from=${from}&to=${to}&linkId=${link.id}&tz=UTC`);
      expect(reply.status).toBe(200);
      return reply.body.clicks.value;
    };
    expect(await clicks('2026-03-02T10:00:00.1724Z', '2026-03-02T11:00:00Z')).toBe(0);
    expect(await clicks('2026-03-02T10:00:00.1719Z', '2026-03-02T11:00:00Z')).toBe(1);
    expect(await clicks('2026-03-02T09:00:00Z', '2026-03-02T10:00:00.172000Z')).toBe(0);
    expect(await clicks('2026-03-02T09:00:00Z', '2026-03-02T10:00:00.1720001Z')).toBe(1);
  });
});
