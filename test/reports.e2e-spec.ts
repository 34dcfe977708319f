import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EnrichedHit } from '@app/common';
import { QUEUE_PREFIX, QueueName, ScheduleTickJob } from '@app/common';
import { dataSourceOptions } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { pdfPages } from '../libs/reports/src/__fixtures__/pdf-text.js';
import { hitAt } from './support/direct-store.js';
import { insertLink } from './support/random-events.js';
import { ReportCron } from '../apps/worker/src/reports/reports.jobs.js';
import { ScheduleTick } from '../apps/worker/src/reports/schedule-tick.service.js';
import { type ApiClient, newCreator } from './support/http-client.js';
import { eventually, type RunningApi, startApi, startWorker } from './support/stack.js';

const at = (iso: string): number => Date.parse(iso);

let api: RunningApi;
let db: DataSource;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  api = await startApi();
  db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4));
  await db.initialize();
  redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  queue = new Queue(QueueName.Reports, { connection: redis, prefix: QUEUE_PREFIX });
});

afterAll(async () => {
  await queue.close();
  redis.disconnect();
  await db.destroy();
  await api.close();
});

/**
 * One stored event. `spec` reads "kind source country device visitor", e.g. "click instagram DE mobile v1";
 * the kind may be "view" or "bot" (a bot hit on a link).
 */
function event(creatorId: string, when: string, spec: string, linkId: string | null = null): EnrichedHit {
  const [kind, source, country, device, visitorId] = spec.split(' ');
  return hitAt(creatorId, when, {
    kind: kind === 'view' ? 'view' : 'click',
    linkId: kind === 'view' ? null : linkId,
    isBot: kind === 'bot',
    botName: kind === 'bot' ? 'Twitterbot' : null,
    visitorId,
    source,
    country,
    region: 'unknown',
    city: 'unknown',
    device: device as EnrichedHit['device'],
    via: source === 'profile' ? 'profile' : 'direct',
  });
}

async function reportRows(
  where: string,
  params: unknown[],
): Promise<{ id: string; status: string; period_key: string | null; range_from: Date; range_to: Date; tz: string }[]> {
  return db.query(
    `SELECT id, status, period_key, range_from, range_to, tz FROM reports WHERE ${where} ORDER BY range_from`,
    params,
  );
}

const waitReady = (client: ApiClient, id: string, timeoutMs = 20_000) =>
  eventually(
    async () => {
      const reply = await client.get(`/api/v1/reports/${id}`);
      if (reply.headers.get('content-type')?.includes('json') && reply.body.status === 'failed')
        throw new Error(`report failed: ${reply.body.error}`);
      return reply.status === 200 ? reply : null;
    },
    timeoutMs,
    `report ${id} to be ready`,
  );

async function pdfText(client: ApiClient, id: string): Promise<string> {
  const response = await fetch(`${client.baseUrl}/api/v1/reports/${id}`, { headers: await authHeaders(client) });
  return (await pdfPages(Buffer.from(await response.arrayBuffer()))).join('\n');
}

/** The session of an ApiClient, for fetching bytes rather than text. */
async function authHeaders(client: ApiClient): Promise<Record<string, string>> {
  const token = await client.post('/api/v1/tokens', { name: `pdf-${randomUUID().slice(0, 8)}` });
  return { authorization: `Bearer ${token.body.token}` };
}

describe('an on-demand report of hand-computable traffic', () => {
  let client: ApiClient;
  let creatorId: string;
  let username: string;
  let spring: { id: string; slug: string };
  let worker: INestApplicationContext | undefined;
  const week = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z', tz: 'UTC' };

  beforeAll(async () => {
    const creator = await newCreator(api.url, { timezone: 'Europe/Berlin' });
    ({ client, id: creatorId, username } = creator);
    spring = await insertLink(db, creatorId, 'Spring sale');
    const podcast = await insertLink(db, creatorId, 'Podcast');
    const c = creatorId;
    await new EventStore(db, new EventPartitions(db)).store([
      // the week: 7 clicks (5 on Spring sale, 2 on Podcast), 3 profile views, 7 visitors, 1 bot hit
      event(c, '2026-03-02T09:00:00Z', 'click instagram DE mobile v1', spring.id),
      event(c, '2026-03-02T09:05:00Z', 'click instagram DE mobile v1', spring.id),
      event(c, '2026-03-02T10:00:00Z', 'click instagram DE mobile v2', spring.id),
      event(c, '2026-03-03T18:00:00Z', 'click instagram DE mobile v3', spring.id),
      event(c, '2026-03-03T18:30:00Z', 'view direct US desktop v4'),
      event(c, '2026-03-03T18:31:00Z', 'click profile US desktop v4', spring.id),
      event(c, '2026-03-04T12:00:00Z', 'click tiktok FR mobile v5', podcast.id),
      event(c, '2026-03-04T12:10:00Z', 'click tiktok FR mobile v5', podcast.id),
      event(c, '2026-03-05T08:00:00Z', 'view instagram DE mobile v6'),
      event(c, '2026-03-06T08:00:00Z', 'view instagram DE mobile v7'),
      event(c, '2026-03-06T09:00:00Z', 'bot direct US other b1', spring.id),
      // the week before: 2 clicks by one visitor and a view by another
      event(c, '2026-02-24T10:00:00Z', 'click x DE mobile w1', spring.id),
      event(c, '2026-02-24T10:01:00Z', 'click x DE mobile w1', spring.id),
      event(c, '2026-02-25T10:00:00Z', 'view x DE mobile w2'),
    ]);
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('is queued (202) while no worker runs, listed, then ready once a worker takes it', async () => {
    const created = await client.post('/api/v1/reports', week);
    expect(created.status).toBe(202);
    expect(created.body).toEqual({ id: expect.any(String), status: 'queued' });
    const { id } = created.body;

    const pending = await client.get(`/api/v1/reports/${id}`);
    expect(pending.status).toBe(202);
    expect(pending.body).toMatchObject({
      id,
      status: 'queued',
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-09T00:00:00.000Z',
      tz: 'UTC',
      readyAt: null,
    });

    const list = await client.get('/api/v1/reports');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        status: 'queued',
        from: '2026-03-02T00:00:00.000Z',
        to: '2026-03-09T00:00:00.000Z',
        tz: 'UTC',
        linkId: null,
        scheduleId: null,
        readyAt: null,
      }),
    ]);
    expect(await queue.getJob(`report-${id}`)).toBeDefined();

    worker = await startWorker();
    const ready = await waitReady(client, id);
    expect(ready.headers.get('content-type')).toBe('application/pdf');
    expect(ready.headers.get('content-disposition')).toBe(
      `attachment; filename="linkpulse-${username}-2026-03-02-2026-03-08.pdf"`,
    );
    expect(ready.text.startsWith('%PDF-')).toBe(true);

    const [item] = (await client.get('/api/v1/reports')).body.items;
    expect(item).toMatchObject({ id, status: 'ready', error: null, emailStatus: null });
    expect(Date.parse(item.readyAt)).toBeGreaterThanOrEqual(Date.parse(item.createdAt));
  });

  it("prints the analytics API's numbers: headline values and changes, top link, source, country, device", async () => {
    const [{ id }] = (await client.get('/api/v1/reports')).body.items;
    const text = await pdfText(client, id);
    const overview = (await client.get(`/api/v1/analytics/overview?${new URLSearchParams({ ...week, compare: 'previous' })}`))
      .body;
    expect(overview).toMatchObject({
      clicks: { value: 7, previous: 2 },
      profileViews: { value: 3, previous: 1 },
      uniqueVisitors: { value: 7, previous: 2 },
      ctr: { value: 1 / 3, previous: 0 },
      botHits: { value: 1, previous: 0 },
    });
    expect(text).toContain('Clicks\n7\n▲ 250%\nPrevious: 2');
    expect(text).toContain('Profile views\n3\n▲ 200%\nPrevious: 1');
    expect(text).toContain('Unique visitors\n7\n▲ 250%\nPrevious: 2');
    expect(text).toContain('CTR\n33.3%');
    expect(text).toContain('Bot hits filtered\n1');
    expect(text).toContain('2 – 8 March 2026 · UTC');
    // lists: label, clicks, share — first rows are the top ones
    expect(text).toMatch(/Top links[\s\S]*Spring sale[\s\S]*5[\s\S]*71\.4%[\s\S]*Podcast[\s\S]*2/);
    expect(text).toMatch(/Sources[\s\S]*Instagram\s+4\s+57\.1%/);
    expect(text).toMatch(/Countries[\s\S]*Germany\s+4\s+57\.1%[\s\S]*France\s+2[\s\S]*United States\s+1/);
    expect(text).toMatch(/Devices[\s\S]*Mobile\s+6\s+85\.7%/);
    expect(text).toContain(`@${username}`);
  });

  it("a one-link report shows that link's numbers", async () => {
    const created = await client.post('/api/v1/reports', { ...week, linkId: spring.id });
    expect(created.status).toBe(202);
    await waitReady(client, created.body.id);
    const text = await pdfText(client, created.body.id);
    expect(text).toContain('Spring sale');
    expect(text).toContain('Clicks\n5\n▲ 150%\nPrevious: 2');
    expect((await client.get('/api/v1/reports')).body.items[0]).toMatchObject({ id: created.body.id, linkId: spring.id });
  });

  it("defaults tz to the creator's zone, and names the file after the days of that zone", async () => {
    const created = await client.post('/api/v1/reports', { from: '2026-03-01T23:00:00Z', to: '2026-03-08T23:00:00Z' });
    expect(created.status).toBe(202);
    const ready = await waitReady(client, created.body.id);
    expect(ready.headers.get('content-disposition')).toBe(
      `attachment; filename="linkpulse-${username}-2026-03-02-2026-03-08.pdf"`,
    );
    const [row] = await reportRows('id = $1', [created.body.id]);
    expect(row.tz).toBe('Europe/Berlin');
  });

  it('can be deleted', async () => {
    const [{ id }] = (await client.get('/api/v1/reports')).body.items;
    expect((await client.delete(`/api/v1/reports/${id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/reports/${id}`)).status).toBe(404);
  });
});

describe('validation and privacy', () => {
  let alice: ApiClient;
  let bob: ApiClient;
  let bobLink: { id: string };
  let bobReport: string;
  let bobSchedule: string;

  beforeAll(async () => {
    alice = (await newCreator(api.url)).client;
    const b = await newCreator(api.url);
    bob = b.client;
    bobLink = await insertLink(db, b.id);
    bobReport = (await bob.post('/api/v1/reports', { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', tz: 'UTC' })).body
      .id;
    bobSchedule = (await bob.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 6, tz: 'UTC' })).body.id;
  });

  it.each([
    [{ from: 'yesterday', to: '2026-03-02T00:00:00Z' }, /from must be an ISO 8601 date-time/],
    [{ from: '2026-03-02T00:00:00', to: '2026-03-03T00:00:00Z' }, /from must be an ISO 8601 date-time/],
    [{ from: '2026-03-02T00:00:00Z', to: '2026-03-02T00:00:00Z' }, /from must be before to/],
    [{ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, /at most 400 days/],
    [{ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', tz: 'Mars/Olympus' }, /tz must be an IANA time zone/],
    [{ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', linkId: 'abc' }, /linkId must be a UUID/],
    [{ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z', compare: 'previous' }, /property compare should not exist/],
    [{ from: 12, to: '2026-03-02T00:00:00Z' }, /from must be a string/],
  ])('POST /reports %j answers 400', async (body, message) => {
    const reply = await alice.post('/api/v1/reports', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(String(reply.body.message)).toMatch(message);
  });

  it.each([
    [{ frequency: 'weekly', hour: 8, tz: 'UTC' }, /dayOfWeek is required/],
    [{ frequency: 'monthly', dayOfWeek: 1, hour: 8, tz: 'UTC' }, /dayOfWeek is only for weekly/],
    [{ frequency: 'weekly', dayOfWeek: 0, hour: 8, tz: 'UTC' }, /dayOfWeek must be an integer from 1/],
    [{ frequency: 'weekly', dayOfWeek: 8, hour: 8, tz: 'UTC' }, /dayOfWeek must be an integer from 1/],
    [{ frequency: 'weekly', dayOfWeek: 1, hour: 24, tz: 'UTC' }, /hour must be an integer from 0 to 23/],
    [{ frequency: 'weekly', dayOfWeek: 1, hour: 7.5, tz: 'UTC' }, /hour must be an integer/],
    [{ frequency: 'weekly', dayOfWeek: 1, tz: 'UTC' }, /hour must be an integer/],
    [{ frequency: 'daily', hour: 8, tz: 'UTC' }, /frequency must be one of weekly, monthly/],
    [{ frequency: 'monthly', hour: 8, tz: '+02:00' }, /tz must be an IANA time zone/],
  ])('POST /report-schedules %j answers 400', async (body, message) => {
    const reply = await alice.post('/api/v1/report-schedules', body);
    expect(reply.status).toBe(400);
    expect(String(reply.body.message)).toMatch(message);
  });

  it("another creator's report, schedule and link answer 404, as do ids that are not UUIDs", async () => {
    expect((await alice.get(`/api/v1/reports/${bobReport}`)).status).toBe(404);
    expect((await alice.delete(`/api/v1/reports/${bobReport}`)).status).toBe(404);
    expect((await alice.get('/api/v1/reports/not-a-uuid')).status).toBe(404);
    expect((await alice.delete(`/api/v1/report-schedules/${bobSchedule}`)).status).toBe(404);
    expect((await alice.delete('/api/v1/report-schedules/42')).status).toBe(404);
    const report = await alice.post('/api/v1/reports', {
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
      linkId: bobLink.id,
    });
    expect(report.status).toBe(404);
    expect(report.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Link not found' });
    const schedule = await alice.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 6, linkId: bobLink.id });
    expect(schedule.status).toBe(404);
    expect((await alice.get('/api/v1/reports')).body.items).toEqual([]);
    expect((await alice.get('/api/v1/report-schedules')).body.items).toEqual([]);
    // Bob still has both
    expect((await bob.get(`/api/v1/reports/${bobReport}`)).status).not.toBe(404);
    expect((await bob.get('/api/v1/report-schedules')).body.items).toHaveLength(1);
  });

  it('needs a session or a token', async () => {
    const anonymous = await fetch(`${api.url}/api/v1/reports`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${api.url}/api/v1/report-schedules`, { method: 'POST' })).status).toBe(401);
  });

  it('schedules: 201 with the schedule, listed with its next run, 204 on delete', async () => {
    const created = await alice.post('/api/v1/report-schedules', {
      frequency: 'weekly',
      dayOfWeek: 1,
      hour: 8,
      tz: 'Asia/Tokyo',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      frequency: 'weekly',
      dayOfWeek: 1,
      hour: 8,
      tz: 'Asia/Tokyo',
      linkId: null,
      createdAt: expect.any(String),
      lastPeriod: null,
      nextRunAt: expect.stringMatching(/T23:00:00\.000Z$/), // Monday 08:00 in Tokyo is Sunday 23:00 UTC
    });
    expect(new Date(created.body.nextRunAt).getUTCDay()).toBe(0);
    const monthly = await alice.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 0 });
    expect(monthly.body).toMatchObject({ frequency: 'monthly', dayOfWeek: null, tz: 'UTC' });
    expect((await alice.get('/api/v1/report-schedules')).body.items.map((s: { id: string }) => s.id)).toEqual([
      created.body.id,
      monthly.body.id,
    ]);
    expect((await alice.delete(`/api/v1/report-schedules/${created.body.id}`)).status).toBe(204);
    expect((await alice.delete(`/api/v1/report-schedules/${created.body.id}`)).status).toBe(404);
    expect((await alice.get('/api/v1/report-schedules')).body.items).toHaveLength(1);
  });

  it('at most 5 reports in progress at once: the sixth answers 429', async () => {
    const { client } = await newCreator(api.url);
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
    for (let i = 0; i < 5; i++) expect((await client.post('/api/v1/reports', range)).status).toBe(202);
    const sixth = await client.post('/api/v1/reports', range);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toBe('Too Many Requests');
  });
});

describe('schedules, with two workers', () => {
  let workers: INestApplicationContext[];
  let client: ApiClient;

  beforeAll(async () => {
    workers = [await startWorker(), await startWorker()];
    client = (await newCreator(api.url)).client;
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
  });

  /** Both workers run the tick at the same instant, as two replicas whose crons fire together. */
  const tickBoth = (now: string) => Promise.all(workers.map((w) => w.get(ScheduleTick).run(at(now))));
  const schedule = async (body: object, createdAt?: string): Promise<string> => {
    const reply = await client.post('/api/v1/report-schedules', body);
    expect(reply.status).toBe(201);
    if (createdAt) await db.query('UPDATE report_schedules SET created_at = $2 WHERE id = $1', [reply.body.id, createdAt]);
    return reply.body.id;
  };

  it('fires once per period when two workers tick at the same time, under the job id sched-<id>-<period>', async () => {
    const id = await schedule({ frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: 'UTC' }, '2027-01-01T00:00:00Z');
    await tickBoth('2027-01-04T07:59:00Z');
    expect(await reportRows('schedule_id = $1', [id])).toEqual([]);

    await tickBoth('2027-01-04T08:00:00Z');
    const rows = await reportRows('schedule_id = $1', [id]);
    expect(rows).toEqual([
      expect.objectContaining({
        period_key: '2026-12-28',
        range_from: new Date('2026-12-28T00:00:00Z'),
        range_to: new Date('2027-01-04T00:00:00Z'),
        tz: 'UTC',
      }),
    ]);
    expect(await queue.getJob(`sched-${id}-2026-12-28`)).toBeDefined();

    // the next ticks of the week (and two more at once) make nothing new
    await tickBoth('2027-01-04T08:05:00Z');
    await tickBoth('2027-01-06T12:00:00Z');
    expect(await reportRows('schedule_id = $1', [id])).toHaveLength(1);

    // the next Monday, the next week: again exactly one
    await Promise.all([tickBoth('2027-01-11T08:00:00Z'), tickBoth('2027-01-11T08:00:00Z')]);
    expect((await reportRows('schedule_id = $1', [id])).map((r) => r.period_key)).toEqual(['2026-12-28', '2027-01-04']);

    // even with last_period moved back by hand, UNIQUE (creator_id, schedule_id, period_key) keeps one report a period
    await db.query('UPDATE report_schedules SET last_period = NULL WHERE id = $1', [id]);
    await tickBoth('2027-01-11T08:10:00Z');
    expect((await reportRows('schedule_id = $1', [id])).map((r) => r.period_key)).toEqual(['2026-12-28', '2027-01-04']);

    const list = (await client.get('/api/v1/reports')).body.items;
    expect(list.filter((r: { scheduleId: string }) => r.scheduleId === id)).toHaveLength(2);
    await waitReady(client, rows[0].id);
    expect((await client.get('/api/v1/report-schedules')).body.items.find((s: { id: string }) => s.id === id).lastPeriod).toBe(
      '2027-01-04',
    );
  });

  it('the crons of both workers enqueue one tick per 5-minute slot', async () => {
    await Promise.all(workers.map((w) => w.get(ReportCron).enqueueTick(at('2030-05-06T10:07:00Z'))));
    await Promise.all(workers.map((w) => w.get(ReportCron).enqueueTick(at('2030-05-06T10:09:59Z'))));
    const job = await queue.getJob('schedule-tick-2030-05-06T10-05');
    expect(job?.name).toBe(ScheduleTickJob.name);
    const ticks = (await queue.getJobs(['waiting', 'active', 'completed', 'delayed'])).filter((j) =>
      j.id?.startsWith('schedule-tick-2030-05-06'),
    );
    expect(ticks).toHaveLength(1);
  });

  it('catches up after a missed hour: a later tick makes the period once; after weeks down, only the latest period', async () => {
    const id = await schedule({ frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: 'UTC' }, '2027-02-05T00:00:00Z');
    await tickBoth('2027-02-08T07:55:00Z');
    // the workers were down from 07:56 to 11:19: no tick at 08:00
    await tickBoth('2027-02-08T11:20:00Z');
    await tickBoth('2027-02-08T11:25:00Z');
    expect((await reportRows('schedule_id = $1', [id])).map((r) => r.period_key)).toEqual(['2027-02-01']);

    // down for two weeks: 15 February is skipped, 22 February's period is made
    await tickBoth('2027-02-24T09:00:00Z');
    expect((await reportRows('schedule_id = $1', [id])).map((r) => r.period_key)).toEqual(['2027-02-01', '2027-02-15']);
  });

  it("in Asia/Tokyo, Monday 08:00 is Sunday 23:00 UTC: due then, covering Tokyo's Monday to Sunday", async () => {
    const id = await schedule({ frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: 'Asia/Tokyo' }, '2027-03-01T00:00:00Z');
    await tickBoth('2027-03-07T22:59:59Z');
    expect(await reportRows('schedule_id = $1', [id])).toEqual([]);
    await tickBoth('2027-03-07T23:00:00Z');
    const [row] = await reportRows('schedule_id = $1', [id]);
    expect(row).toMatchObject({
      period_key: '2027-03-01',
      tz: 'Asia/Tokyo',
      range_from: new Date('2027-02-28T15:00:00Z'),
      range_to: new Date('2027-03-07T15:00:00Z'),
    });
    const ready = await waitReady(client, row.id);
    expect(ready.headers.get('content-disposition')).toMatch(/-2027-03-01-2027-03-07\.pdf"$/);
    const text = await pdfText(client, row.id);
    expect(text).toContain('1 – 7 March 2027 · Asia/Tokyo');
  });

  it("monthly in Pacific/Auckland: the 1st at 08:00 NZDT is the day before in UTC; it covers Auckland's month", async () => {
    const id = await schedule({ frequency: 'monthly', hour: 8, tz: 'Pacific/Auckland' }, '2027-01-15T00:00:00Z');
    await tickBoth('2027-01-31T18:59:00Z');
    expect(await reportRows('schedule_id = $1', [id])).toEqual([]);
    await tickBoth('2027-01-31T19:00:00Z');
    expect(await reportRows('schedule_id = $1', [id])).toEqual([
      expect.objectContaining({
        period_key: '2027-01',
        range_from: new Date('2026-12-31T11:00:00Z'),
        range_to: new Date('2027-01-31T11:00:00Z'),
      }),
    ]);
  });

  it('a deleted schedule makes no more reports and keeps the ones it made', async () => {
    const id = await schedule({ frequency: 'monthly', hour: 0, tz: 'UTC' });
    await tickBoth('2027-04-01T00:00:00Z');
    const [row] = await reportRows('schedule_id = $1', [id]);
    expect(row.period_key).toBe('2027-03');
    expect((await client.delete(`/api/v1/report-schedules/${id}`)).status).toBe(204);
    await tickBoth('2027-05-01T00:00:00Z');
    expect(await reportRows('id = $1', [row.id])).toHaveLength(1);
    expect((await client.get('/api/v1/reports')).body.items.find((r: { id: string }) => r.id === row.id).scheduleId).toBeNull();
    await waitReady(client, row.id);
  });

  it('a report whose job was lost is enqueued again by the next tick; one that cannot render fails with its error', async () => {
    const creator = await newCreator(api.url);
    const lost = randomUUID();
    const broken = randomUUID();
    await db.query(
      `INSERT INTO reports (creator_id, id, range_from, range_to, tz, created_at) VALUES
         ($1, $2, '2026-03-01', '2026-03-02', 'UTC', now() - interval '10 minutes'),
         ($1, $3, '2026-03-01', '2026-03-02', 'Not/AZone', now() - interval '10 minutes')`,
      [creator.id, lost, broken],
    );
    await workers[0].get(ScheduleTick).run();
    await waitReady(creator.client, lost);
    const failed = await eventually(async () => {
      const reply = await creator.client.get(`/api/v1/reports/${broken}`);
      return reply.body.status === 'failed' ? reply : null;
    });
    expect(failed.status).toBe(200);
    expect(failed.body.error).toMatch(/tz must be an IANA time zone/);
  });
});

describe('retention and account deletion', () => {
  let worker: INestApplicationContext;

  beforeAll(async () => {
    worker = await startWorker({ REPORT_RETENTION_MONTHS: '24' });
  });

  afterAll(async () => {
    await worker.close();
  });

  it('the daily job deletes reports made more than REPORT_RETENTION_MONTHS ago', async () => {
    const { id: creatorId } = await newCreator(api.url);
    const [old, recent] = [randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO reports (creator_id, id, range_from, range_to, tz, status, created_at) VALUES
         ($1, $2, '2024-01-01', '2024-02-01', 'UTC', 'ready', now() - interval '24 months 1 day'),
         ($1, $3, '2024-01-01', '2024-02-01', 'UTC', 'ready', now() - interval '23 months')`,
      [creatorId, old, recent],
    );
    await worker.get(ReportCron).enqueueRetention(at('2031-01-01T03:00:00Z'));
    await eventually(async () => (await reportRows('id = $1', [old])).length === 0, 10_000, 'the old report to be deleted');
    expect(await reportRows('id = $1', [recent])).toHaveLength(1);
  });

  it('DELETE /me takes the reports and schedules with the account', async () => {
    const creator = await newCreator(api.url);
    await creator.client.post('/api/v1/reports', { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' });
    await creator.client.post('/api/v1/report-schedules', { frequency: 'monthly', hour: 6 });
    expect((await creator.client.delete('/api/v1/me', { password: creator.password })).status).toBe(204);
    const [{ reports, schedules }] = await db.query(
      `SELECT (SELECT count(*)::int FROM reports WHERE creator_id = $1) AS reports, (SELECT count(*)::int FROM report_schedules WHERE creator_id = $1) AS schedules`,
      [creator.id],
    );
    expect({ reports, schedules }).toEqual({ reports: 0, schedules: 0 });
  });
});
