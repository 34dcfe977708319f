import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUE_PREFIX, QueueName } from '@app/common';
import { verifySignature } from '@app/webhooks';
import { Queue } from 'bullmq';
import type pg from 'pg';
import { type ApiClient, newCreator } from './support/http-client.js';
import { connectDatabase, eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: { id: string; event: string; createdAt: string; data: any };
}

/** A local receiver answering `status()` to every POST, keeping what it got. */
async function receiver(status: () => number): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      got.push({ headers: request.headers, body, json: JSON.parse(body) });
      response.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, got, server };
}

let api: RunningApi;
let guarded: RunningApi;
let worker: INestApplicationContext;
let db: pg.Client;
let queue: Queue;
const servers: Server[] = [];

beforeAll(async () => {
  // the receivers listen on loopback: allowed here, refused by `guarded` (the default)
  api = await startApi({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  guarded = await startApi();
  worker = await startWorker({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  db = await connectDatabase();
  queue = new Queue(QueueName.Webhooks, { connection: { url: process.env.REDIS_URL }, prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  for (const server of servers) server.close();
  await queue.close();
  await db.end();
  await worker.close();
  await guarded.close();
  await api.close();
});

/** The delivery's job once it waits for its retry. */
const delayedJob = (id: string) =>
  eventually(
    async () => {
      const job = await queue.getJob(id);
      return job && (await job.isDelayed()) ? job : null;
    },
    10_000,
    'the retry scheduled',
  );

const verified = (delivery: Received, secret: string): boolean =>
  verifySignature(String(delivery.headers['linkpulse-signature']), secret, delivery.body, Math.floor(Date.now() / 1000));

describe('webhooks', () => {
  let creator: { client: ApiClient; id: string };
  let good: Awaited<ReturnType<typeof receiver>>;
  let hook: { id: string; secret: string };
  let link: { id: string; slug: string };

  beforeAll(async () => {
    creator = await newCreator(api.url);
    good = await receiver(() => 204);
    servers.push(good.server);
    const created = await creator.client.post('/api/v1/webhooks', {
      url: good.url,
      events: ['click', 'lead', 'sale', 'report.ready', 'alert'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: good.url,
      enabled: true,
      disabledAt: null,
      secret: expect.stringMatching(/^whsec_/),
    });
    hook = created.body;
    link = (await creator.client.post('/api/v1/links', { url: 'https://shop.example.com/' })).body;
  });

  const receivedOf = (event: string) =>
    eventually(async () => good.got.find((delivery) => delivery.json.event === event), 15_000, `a ${event} delivery`);

  it('a test delivery arrives signed with the webhook secret, and shows in the delivery log', async () => {
    const test = await creator.client.post(`/api/v1/webhooks/${hook.id}/test`);
    expect(test.status).toBe(202);
    const delivery = await receivedOf('test');
    expect(delivery.json.id).toBe(test.body.deliveryId);
    expect(delivery.headers['linkpulse-delivery']).toBe(test.body.deliveryId);
    expect(delivery.headers['linkpulse-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verified(delivery, hook.secret)).toBe(true);
    expect(verified(delivery, 'whsec_another')).toBe(false);
    const log = await eventually(async () => {
      const reply = await creator.client.get(`/api/v1/webhooks/${hook.id}/deliveries`);
      return reply.body.items[0]?.status === 'delivered' && reply.body;
    });
    expect(log.items[0]).toMatchObject({
      id: test.body.deliveryId,
      event: 'test',
      attempts: 1,
      responseStatus: 204,
      error: null,
    });
  });

  it('clicks, leads and ready reports are delivered, each signed', async () => {
    expect((await fetch(`${api.url}/${link.slug}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } })).status).toBe(302);
    const click = await receivedOf('click');
    expect(click.json.data.clicks).toEqual([expect.objectContaining({ linkId: link.id, device: 'mobile', os: 'iOS' })]);
    expect(click.json.data.clicks[0].visitorId).toBeUndefined();
    expect(verified(click, hook.secret)).toBe(true);

    const token = await creator.client.post('/api/v1/tokens', { name: 'server' });
    const server = creator.client.withToken(token.body.token);
    const clickId = click.json.data.clicks[0].id;
    expect((await server.post('/api/v1/track/lead', { clickId, customerId: 'cus_1', eventName: 'Signup' })).status).toBe(202);
    const lead = await receivedOf('lead');
    expect(lead.json.data).toMatchObject({ customerId: 'cus_1', eventName: 'Signup', click: { id: clickId, linkId: link.id } });
    expect(verified(lead, hook.secret)).toBe(true);

    const report = await creator.client.post('/api/v1/reports', { tz: 'UTC' });
    const ready = await eventually(async () => good.got.find((d) => d.json.event === 'report.ready'), 60_000, 'report.ready');
    expect(ready.json.data).toMatchObject({
      id: report.body.id,
      tz: 'UTC',
      url: expect.stringContaining(`/api/v1/reports/${report.body.id}`),
    });
    expect(verified(ready, hook.secret)).toBe(true);
  });

  it('a failing receiver is retried with backoff, then disabled after 24 hours of failures (the creator sees why)', async () => {
    const failing = await receiver(() => 500);
    servers.push(failing.server);
    const bad = (await creator.client.post('/api/v1/webhooks', { url: failing.url, events: ['click'] })).body;
    expect((await fetch(`${api.url}/${link.slug}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } })).status).toBe(302);
    await eventually(async () => failing.got.length === 1, 15_000, 'the first attempt');
    const [first] = failing.got;
    expect(verified(first, bad.secret)).toBe(true);
    const deliveryId = first.json.id;
    const logged = async () => (await creator.client.get(`/api/v1/webhooks/${bad.id}/deliveries`)).body.items[0];
    await eventually(async () => (await logged())?.status === 'retrying', 10_000, 'the attempt logged');
    expect(await logged()).toMatchObject({ id: deliveryId, attempts: 1, responseStatus: 500, error: 'answered 500' });
    // the retry waits 30 s: bring it forward
    await (await delayedJob(deliveryId)).promote();
    await eventually(async () => failing.got.length === 2 && (await logged())?.attempts === 2, 15_000, 'the second attempt');
    expect(failing.got[1].json.id).toBe(deliveryId);
    expect((await creator.client.get('/api/v1/webhooks')).body.items.find((w: { id: string }) => w.id === bad.id)).toMatchObject({
      enabled: true,
      failingSince: expect.any(String),
    });

    // a day later, still failing: the next attempt disables it
    await db.query(`UPDATE webhooks SET failing_since = now() - interval '25 hours' WHERE id = $1`, [bad.id]);
    await (await delayedJob(deliveryId)).promote();
    await eventually(async () => (await logged())?.status === 'failed', 15_000, 'the delivery failed');
    const disabled = (await creator.client.get('/api/v1/webhooks')).body.items.find((w: { id: string }) => w.id === bad.id);
    expect(disabled).toMatchObject({
      enabled: false,
      disabledAt: expect.any(String),
      disabledReason: expect.stringContaining('answered 500'),
    });
    expect(failing.got).toHaveLength(3);

    // disabled: new clicks are not sent to it (the healthy webhook still gets them)
    const before = good.got.filter((d) => d.json.event === 'click').length;
    await fetch(`${api.url}/${link.slug}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
    await eventually(
      async () => good.got.filter((d) => d.json.event === 'click').length === before + 1,
      15_000,
      'the next click',
    );
    expect(failing.got).toHaveLength(3);
    // and enabled again by the creator
    const enabled = await creator.client.patch(`/api/v1/webhooks/${bad.id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, failingSince: null });
  });

  it('refuses private, loopback and link-local targets unless WEBHOOK_ALLOW_PRIVATE=true', async () => {
    const other = await newCreator(guarded.url);
    for (const url of [
      'http://127.0.0.1:9/hooks',
      'http://localhost/hooks',
      'http://10.0.0.5/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
    ]) {
      const reply = await other.client.post('/api/v1/webhooks', { url, events: ['click'] });
      expect([url, reply.status, reply.body.message]).toEqual([
        url,
        400,
        expect.stringMatching(/must resolve to public addresses|does not resolve/),
      ]);
    }
    expect((await other.client.post('/api/v1/webhooks', { url: 'ftp://example.com/', events: ['click'] })).status).toBe(400);
    expect((await other.client.post('/api/v1/webhooks', { url: 'https://example.com/', events: ['clicks'] })).status).toBe(400);
    expect((await other.client.post('/api/v1/webhooks', { url: 'https://example.com/', events: [] })).status).toBe(400);
    expect((await other.client.get('/api/v1/webhooks')).body.items).toEqual([]);
  });
});
