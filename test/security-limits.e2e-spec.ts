import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { newCreator } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi } from './support/stack.js';

/*
 * Caps on what a creator may have or run at once hold under parallel requests: the check and the
 * write are one step in the database, so 15 requests at once cannot slip past a cap of 5.
 */

describe('caps under parallel requests', () => {
  let api: RunningApi;
  let db: pg.Client;

  beforeAll(async () => {
    api = await startApi({ QR_RENDERS_PER_MINUTE: '1000' });
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

  it('a redirect never waits for the largest QR codes: its p99 beside 5 clients drawing them stays far below one drawing', async () => {
    const creator = await newCreator(api.url);
    const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/qr-load' })).body;
    const p99 = (latencies: number[]): number => [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)];
    const redirect = async (latencies: number[]): Promise<void> => {
      const started = performance.now();
      const response = await fetch(`${api.url}/${link.slug}`, { redirect: 'manual' });
      latencies.push(performance.now() - started);
      expect(response.status).toBe(302);
    };
    const quiet: number[] = [];
    for (let i = 0; i < 300; i++) await redirect(quiet);
    // one of the largest codes, drawn alone: what every redirect would wait for if codes were drawn on the event loop
    const drawStarted = performance.now();
    expect((await creator.client.get(`/api/v1/links/${link.id}/qr.png?size=2048`)).status).toBe(200);
    const oneDrawing = performance.now() - drawStarted;
    let drawn = 0;
    let stop = false;
    // each asks for a size not asked before, so every request draws (no cache)
    const qrClients = Array.from({ length: 5 }, async (_, client) => {
      for (let i = 0; !stop; i++) {
        const reply = await creator.client.get(`/api/v1/links/${link.id}/qr.png?size=${2047 - client - 5 * i}`);
        expect(reply.status).toBe(200);
        drawn++;
      }
    });
    const latencies: number[] = [];
    const drawnBefore = drawn;
    try {
      await eventually(
        async () => {
          for (let i = 0; i < 20; i++) await redirect(latencies);
          return drawn - drawnBefore >= 10 && latencies.length >= 300;
        },
        120_000,
        '10 of the largest QR codes drawn while redirects are measured',
      );
    } finally {
      stop = true;
    }
    await Promise.all(qrClients);
    console.log(
      `redirect p99: ${p99(quiet).toFixed(1)} ms alone, ${p99(latencies).toFixed(1)} ms beside 5 QR clients (${drawn} drawn; one drawing alone ${oneDrawing.toFixed(0)} ms)`,
    );
    // Drawn on the event loop, every code would hold the redirects for a whole drawing (about a second
    // here), so the p99 would be at least that. Off the loop, the redirects only share the CPU: on a
    // quiet machine their p99 stays within 10 ms of their p99 alone (docs/security.md); on a machine
    // busy with other test runs that margin is noise, so the bound is the drawing itself.
    expect(p99(latencies)).toBeLessThan(Math.max(10 + p99(quiet), oneDrawing / 2));
  }, 180_000);

  it('counts QR codes drawn per creator and minute (QR_RENDERS_PER_MINUTE); cached ones are free', async () => {
    const limited = await startApi({ QR_RENDERS_PER_MINUTE: '3' });
    try {
      const creator = await newCreator(limited.url);
      const link = (await creator.client.post('/api/v1/links', { url: 'https://example.com/qr-quota' })).body;
      const qr = (size: number) => creator.client.get(`/api/v1/links/${link.id}/qr.png?size=${size}`);
      for (const size of [100, 101, 102]) expect((await qr(size)).status).toBe(200);
      const over = await qr(103);
      expect(over.status).toBe(429);
      expect(over.body.message).toMatch(/Too many QR codes drawn this minute/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await qr(101)).status).toBe(200);
      expect((await creator.client.get(`/api/v1/links/${link.id}/qr.svg?size=103`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
