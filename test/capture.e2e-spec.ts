import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CaptureBatchJob,
  type CaptureJobData,
  type CapturedHit,
  captureJobOptions,
  decodeCaptureBatch,
  encodeCaptureBatch,
  QUEUE_PREFIX,
  QueueName,
} from '@app/common';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { insertLink } from './support/fixtures.js';
import { ApiClient, newCreator } from './support/http-client.js';
import { spooledBytes } from '../apps/api/src/capture/batch-spool.js';
import { TestRedisServer } from './support/redis-server.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The capture queue of a Redis server, read the way the worker reads it. */
function captureQueue(redisUrl: string): Queue {
  return new Queue(QueueName.Capture, { connection: { url: redisUrl }, prefix: QUEUE_PREFIX });
}

async function capturedHits(queue: Queue): Promise<CapturedHit[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs.flatMap((job) => decodeCaptureBatch(job.data as CaptureJobData));
}

describe('capture on the redirect path', () => {
  let db: pg.Client;

  beforeAll(async () => {
    db = await connectDatabase();
  });
  afterAll(async () => {
    await db.end();
  });

  describe('with Redis up', () => {
    let api: RunningApi;
    let redis: TestRedisServer;
    let queue: Queue;

    beforeAll(async () => {
      redis = await TestRedisServer.start();
      api = await startApi({ REDIS_URL: redis.url });
      queue = captureQueue(redis.url);
    });
    afterAll(async () => {
      await api.close();
      await queue.close();
      await redis.stop();
    });

    it('hands the click to Redis with everything the worker needs', async () => {
      const creator = await newCreator(api.url);
      const link = await insertLink(db, creator.id);
      const response = await fetch(`${api.url}/${link.slug}?utm_source=ig&qr=1`, {
        redirect: 'manual',
        headers: {
          'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Instagram 300.0',
          referer: 'https://l.instagram.com/',
          'sec-ch-ua-platform': '"iOS"',
          'sec-ch-ua-mobile': '?1',
          'accept-language': 'de-DE,de;q=0.9',
        },
      });
      expect(response.status).toBe(302);
      const hits = await eventually(
        async () => {
          const found = (await capturedHits(queue)).filter((hit) => hit.linkId === link.id);
          return found.length ? found : null;
        },
        5000,
        'the captured click in Redis',
      );
      expect(hits).toHaveLength(1);
      const [hit] = hits;
      expect(hit).toMatchObject({
        kind: 'click',
        creatorId: creator.id,
        linkId: link.id,
        ip: '127.0.0.1',
        userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Instagram 300.0',
        referer: 'https://l.instagram.com/',
        query: 'utm_source=ig&qr=1',
        via: 'qr',
        hints: { platform: '"iOS"', mobile: '?1' },
        language: 'de-DE,de;q=0.9',
      });
      expect(hit.id).toMatch(UUID_V7);
      expect(Math.abs(hit.at - Date.now())).toBeLessThan(10_000);
      const [job] = await queue.getJobs(['waiting']);
      expect(job.name).toBe(CaptureBatchJob.name);
    });

    it('captures nothing for HEAD, unknown slugs and expired links', async () => {
      const creator = await newCreator(api.url);
      const link = await insertLink(db, creator.id);
      const expired = await insertLink(db, creator.id, { expiresAt: new Date(Date.now() - 1000) });
      const head = await fetch(`${api.url}/${link.slug}`, { method: 'HEAD', redirect: 'manual' });
      expect(head.status).toBe(302);
      expect(head.headers.get('location')).toBe(link.url);
      expect((await fetch(`${api.url}/nope-${link.slug}`, { redirect: 'manual' })).status).toBe(404);
      expect((await fetch(`${api.url}/${expired.slug}`, { redirect: 'manual' })).status).toBe(410);
      // batches reach Redis in the order their hits were captured: once a later click is there,
      // anything captured for the requests above would be there too
      expect((await fetch(`${api.url}/${link.slug}?marker=1`, { redirect: 'manual' })).status).toBe(302);
      const mine = await eventually(
        async () => {
          const hits = (await capturedHits(queue)).filter((hit) => hit.creatorId === creator.id);
          return hits.some((hit) => hit.query === 'marker=1') ? hits : null;
        },
        5000,
        'the marker click',
      );
      expect(mine.map((hit) => hit.query)).toEqual(['marker=1']);
    });
  });

  describe('with Redis down', () => {
    let api: RunningApi;
    let redis: TestRedisServer;

    beforeAll(async () => {
      redis = await TestRedisServer.start();
      api = await startApi({ REDIS_URL: redis.url });
    });
    afterAll(async () => {
      await api.close();
      await redis.stop();
    });

    it('keeps redirecting, spools the clicks, and replays each exactly once when Redis is back', async () => {
      const creator = await newCreator(api.url);
      const link = await insertLink(db, creator.id);
      // warm the link cache, then take Redis away
      expect((await fetch(`${api.url}/${link.slug}`, { method: 'HEAD', redirect: 'manual' })).status).toBe(302);
      await redis.stop();

      const clicks = 40;
      for (let i = 0; i < clicks; i++) {
        const response = await fetch(`${api.url}/${link.slug}?n=${i}`, { redirect: 'manual' });
        expect(response.status).toBe(302);
      }
      const health = await eventually(
        async () => {
          const reply = await new ApiClient(api.url).get('/health');
          return reply.body.spoolBytes > 0 ? reply : null;
        },
        5000,
        'the spool to fill',
      );
      expect(health.status).toBe(503);
      expect(health.body.redis).toBe('down');
      expect(readdirSync(process.env.SPOOL_DIR!).length).toBeGreaterThan(0);

      await redis.start();
      const queue = captureQueue(redis.url);
      try {
        const replayed = await eventually(
          async () => {
            const hits = (await capturedHits(queue)).filter((hit) => hit.linkId === link.id);
            return hits.length >= clicks ? hits : null;
          },
          15_000,
          'the spool to be replayed',
        );
        // a spooled file is deleted once all its batches are in Redis: with the spool empty, no later
        // replay round can send anything twice
        await eventually(async () => spooledBytes(process.env.SPOOL_DIR!) === 0, 15_000, 'the spool to empty');
        const after = (await capturedHits(queue)).filter((hit) => hit.linkId === link.id);
        expect(after).toHaveLength(clicks);
        expect(new Set(after.map((hit) => hit.id)).size).toBe(clicks);
        expect(new Set(replayed.map((hit) => hit.query))).toEqual(new Set(Array.from({ length: clicks }, (_, i) => `n=${i}`)));
        const reply = await new ApiClient(api.url).get('/health');
        expect(reply.body.spoolBytes).toBe(0);
      } finally {
        await queue.close();
      }
    });
  });

  describe('through the worker', () => {
    let api: RunningApi;

    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(async () => {
      await api.close();
    });

    it('stores each click once, enriched, without the IP address, even when a batch is delivered twice', async () => {
      const worker = await startWorker();
      const queue = captureQueue(process.env.REDIS_URL!);
      try {
        const creator = await newCreator(api.url);
        const link = await insertLink(db, creator.id);
        const headers = {
          'user-agent':
            'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
          referer: 'https://t.co/abc',
          'x-forwarded-for': '8.8.8.8',
        };
        for (let i = 0; i < 5; i++) {
          expect((await fetch(`${api.url}/${link.slug}`, { redirect: 'manual', headers })).status).toBe(302);
        }
        await fetch(`${api.url}/${link.slug}`, { redirect: 'manual', headers: { 'user-agent': 'Twitterbot/1.0' } });
        const count = async (): Promise<number> =>
          Number((await db.query('SELECT count(*) FROM events WHERE link_id = $1', [link.id])).rows[0].count);
        await eventually(async () => (await count()) === 6, 10_000, 'six stored events');

        const rows = (await db.query('SELECT * FROM events WHERE link_id = $1 ORDER BY is_bot, id', [link.id])).rows;
        expect(rows.filter((row) => row.is_bot)).toHaveLength(1);
        expect(rows.find((row) => row.is_bot).bot_name).toBe('Twitterbot');
        const human = rows[0];
        expect(human).toMatchObject({ kind: 'click', source: 'x', referrer_host: 't.co', device: 'mobile', via: 'direct' });
        expect(human.visitor_id).toMatch(/^[0-9a-f]{32}$/);
        expect(JSON.stringify(rows)).not.toContain('127.0.0.1');

        // redeliver the same hits under a new job id: nothing more is stored
        const hits: CapturedHit[] = rows.map((row) => ({
          id: row.id,
          at: row.occurred_at.getTime(),
          kind: row.kind,
          creatorId: creator.id,
          linkId: link.id,
          ip: '127.0.0.1',
          userAgent: headers['user-agent'],
          referer: headers.referer,
          query: '',
          via: 'direct',
          hints: {},
        }));
        await queue.add(CaptureBatchJob.name, encodeCaptureBatch('redelivered', hits), captureJobOptions('redelivered'));
        await eventually(async () => !(await queue.getJob('redelivered')), 10_000, 'the redelivered batch');
        expect(await count()).toBe(6);
      } finally {
        await queue.close();
        await worker.close();
      }
    });
  });
});
