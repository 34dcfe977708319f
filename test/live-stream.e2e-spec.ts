import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type AppConfig, liveChannel, RedisService } from '@app/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { LiveHub } from '../apps/api/src/analytics/live.hub.js';
import { LiveStreams } from '../apps/api/src/analytics/live.streams.js';
import { EventStreamReader } from './support/openapi.js';
import { TestRedisServer } from './support/redis-server.js';
import { eventually } from './support/stack.js';

/**
 * The live hub against a Redis server of this file's own (its ACL is changed to refuse SUBSCRIBE).
 * Every interleaving below is driven step by step, so each run checks the same order of commands.
 */
describe('live hub: a stream is connected only once its channel is subscribed', () => {
  let server: TestRedisServer;
  let publisher: Redis;
  let redis: RedisService;
  let hub: LiveHub;

  beforeAll(async () => {
    server = await TestRedisServer.start();
    publisher = new Redis(server.url);
  });
  afterAll(async () => {
    publisher.disconnect();
    await server.stop();
  });
  beforeEach(() => {
    redis = new RedisService({ redisUrl: server.url } as AppConfig);
    hub = new LiveHub(redis);
  });
  afterEach(async () => {
    await publisher.acl('SETUSER', 'default', '+@all');
    await redis.onApplicationShutdown();
  });

  /** PUBLISH answers how many subscribers received the message. */
  const publish = (creatorId: string, event: object): Promise<number> =>
    publisher.publish(liveChannel(creatorId), JSON.stringify(event));

  it('resolves the subscription after Redis acknowledged it: the first event is delivered', async () => {
    const creator = randomUUID();
    const received: string[] = [];
    await hub.subscribe(creator, (message) => received.push(message));
    expect(await publish(creator, { n: 1 })).toBe(1);
    await eventually(async () => received.length === 1, 5000, 'the event');
    expect(JSON.parse(received[0])).toEqual({ n: 1 });
  });

  it('keeps every subscription when one is asked for between the connection and its ready check', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const create = redis.createConnection.bind(redis);
    let secondSubscribed: Promise<unknown> | null = null;
    // the connection is made by the first subscription; the second comes the moment its socket connects
    jest.spyOn(redis, 'createConnection').mockImplementationOnce((options) =>
      create(options).once('connect', () => {
        secondSubscribed = hub.subscribe(second, () => undefined);
      }),
    );
    await hub.subscribe(first, () => undefined);
    await eventually(async () => secondSubscribed, 5000, 'the second subscription asked for');
    await secondSubscribed;
    expect(await publish(first, { n: 1 })).toBe(1);
    expect(await publish(second, { n: 2 })).toBe(1);
  });

  it('keeps the channel subscribed when the last stream closes and the next opens in the same tick', async () => {
    const creator = randomUUID();
    const stop = await hub.subscribe(creator, () => undefined);
    const received: string[] = [];
    stop();
    const next = hub.subscribe(creator, (message) => received.push(message));
    await next;
    expect(await publish(creator, { n: 2 })).toBe(1);
    await eventually(async () => received.length === 1, 5000, 'the event on the new stream');
    expect(hub.channelCount).toBe(1);
  });

  it('ends subscribed exactly when a stream is left, however opens and closes interleave', async () => {
    const creator = randomUUID();
    // open, close before the acknowledgement, open, close, open again: all before any reply
    const first = hub.subscribe(creator, () => undefined);
    const second = hub.subscribe(creator, () => undefined);
    (await first)();
    (await second)();
    const third = hub.subscribe(creator, () => undefined);
    const stopThird = await third;
    expect(await publish(creator, { n: 3 })).toBe(1);
    stopThird();
    await eventually(
      async () => Number(((await publisher.pubsub('NUMSUB', liveChannel(creator))) as unknown[])[1]) === 0,
      5000,
      'the unsubscribe',
    );
    expect(hub.channelCount).toBe(0);
  });

  it('rejects a refused subscription, forgets it and subscribes afresh for the next stream', async () => {
    const creator = randomUUID();
    await publisher.acl('SETUSER', 'default', '-subscribe');
    await expect(hub.subscribe(creator, () => undefined)).rejects.toThrow(/NOPERM|permission/i);
    expect(hub.channelCount).toBe(0);
    await publisher.acl('SETUSER', 'default', '+subscribe');
    await hub.subscribe(creator, () => undefined);
    expect(await publish(creator, { n: 4 })).toBe(1);
  });

  describe('over HTTP', () => {
    let http: Server;
    let url: string;
    let streams: LiveStreams;

    beforeEach(async () => {
      streams = new LiveStreams(hub);
      http = createServer((request, response) => {
        const creator = new URL(request.url!, 'http://x').searchParams.get('creator')!;
        streams.start({ raw: response, hijack: () => undefined } as unknown as FastifyReply, creator, null);
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      streams.onModuleDestroy();
      await new Promise((resolve) => http.close(resolve));
    });

    it('sends `: connected` once the channel is subscribed, and then every event', async () => {
      const creator = randomUUID();
      const stream = await EventStreamReader.open(`${url}/?creator=${creator}`, {});
      try {
        await eventually(async () => stream.text.includes(': connected'), 5000, 'connected');
        expect(await publish(creator, { linkId: 'l1' })).toBe(1);
        await eventually(async () => stream.events().length === 1, 5000, 'the event');
      } finally {
        await stream.close();
      }
    });

    it('ends the stream without `: connected` when Redis refuses the subscription', async () => {
      const creator = randomUUID();
      await publisher.acl('SETUSER', 'default', '-subscribe');
      const stream = await EventStreamReader.open(`${url}/?creator=${creator}`, {});
      await stream.finished();
      expect(stream.status).toBe(200);
      expect(stream.text).toBe('retry: 3000\n\n');
      expect(hub.channelCount).toBe(0);
    });
  });
});
