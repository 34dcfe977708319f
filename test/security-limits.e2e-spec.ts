import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { newCreator } from './support/http-client.js';
import { connectDatabase, type RunningApi, startApi } from './support/stack.js';

/*
 * Caps on what a creator may have or run at once hold under parallel requests: the check and the
 * write are one step in the database, so 15 requests at once cannot slip past a cap of 5.
 */

describe('caps under parallel requests', () => {
  let api: RunningApi;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi();
    db = await connectDatabase();
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  const tally = (statuses: number[]): Record<number, number> =>
    statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

  it('15 report requests at once: exactly 5 in progress are accepted, the rest answer 429', async () => {
    const creator = await newCreator(api.url);
    const body = { from: '2026-01-01T00:00:00Z', to: '2026-01-08T00:00:00Z', tz: 'UTC' };
    const replies = await Promise.all(Array.from({ length: 15 }, () => creator.client.post('/api/v1/reports', body)));
    expect(tally(replies.map((reply) => reply.status))).toEqual({ 202: 5, 429: 10 });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM reports WHERE creator_id = $1`, [creator.id]);
    expect(rows[0].n).toBe(5);
  });

  it('25 schedule requests at once: exactly 20 schedules exist afterwards', async () => {
    const creator = await newCreator(api.url);
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        creator.client.post('/api/v1/report-schedules', { frequency: 'weekly', dayOfWeek: 1 + (i % 7), hour: i % 24, tz: 'UTC' }),
      ),
    );
    expect(tally(replies.map((reply) => reply.status))).toEqual({ 201: 20, 409: 5 });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM report_schedules WHERE creator_id = $1`, [creator.id]);
    expect(rows[0].n).toBe(20);
  });
});
