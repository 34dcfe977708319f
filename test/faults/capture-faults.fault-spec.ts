import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QUEUE_PREFIX, QueueName } from '@app/common';
import { migrateDatabase } from '@app/db';
import { Queue } from 'bullmq';
import pg from 'pg';
import { insertLink } from '../support/fixtures.js';
import { newCreator } from '../support/http-client.js';
import { TestRedisServer } from '../support/redis-server.js';
import { eventually } from '../support/stack.js';
import { ApiProcess, AppProcess } from './support/process-stack.js';
import { ConversionLoad } from './support/conversion-load.js';
import { SteadyLoad } from './support/steady-load.js';
import { TestPostgres } from './support/test-postgres.js';

const CLICKS_PER_SECOND = 100;
const LEADS_PER_SECOND = 20;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Under a steady load, one part fails at a time. Redirects must keep answering (failures are
 * counted and reported), and once things recover every click that got its 302 is counted exactly
 * once: in the events table and in the analytics API. Beside the clicks, a shop's server reports
 * leads through the tracking API and sends again, with the same eventId, each one that got no 202:
 * every lead is then stored exactly once, whether its first try was lost, refused or stored.
 */
describe('nothing is lost when a part fails under load', () => {
  let postgres: TestPostgres;
  let redis: TestRedisServer;
  let api: ApiProcess;
  let worker: AppProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    postgres = await TestPostgres.create();
    await migrateDatabase(postgres.url);
    const redisDir = mkdtempSync(join(tmpdir(), 'linkpulse-redis-'));
    redis = await TestRedisServer.start(['--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisDir, '--save', '']);
    env = {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      SPOOL_DIR: mkdtempSync(join(tmpdir(), 'linkpulse-spool-')),
      // the load comes from one address; the per-address flood rule is not what this suite tests
      CLICK_FLOOD_LIMIT: '0',
    };
    api = await ApiProcess.create(env);
    await api.startAndWait();
    worker = new AppProcess('worker', env);
    worker.start();
  }, 120_000);

  /** A connection per query: PostgreSQL goes away in one of the scenarios. */
  async function query<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    const client = new pg.Client({ connectionString: postgres.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.kill('SIGTERM');
    await redis?.stop();
    postgres?.destroy();
  });

  /** Where clicks could be waiting, printed when a count does not match. */
  async function diagnostics(): Promise<string> {
    const queue = new Queue(QueueName.Capture, { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    try {
      const counts = await queue.getJobCounts();
      const spool = readdirSync(env.SPOOL_DIR).map((name) => `${name} ${statSync(join(env.SPOOL_DIR, name)).size} B`);
      return `queue ${JSON.stringify(counts)}; spool [${spool.join(', ')}]; api log: ${api.log.slice(-1500)}; worker log: ${worker.log.slice(-1500)}`;
    } finally {
      await queue.close();
    }
  }

  /** No capture or conversion job waiting, running or scheduled for a retry, and nothing in the API's spool. */
  async function pipelineIdle(): Promise<boolean> {
    const queues = [QueueName.Capture, QueueName.Conversions].map(
      (name) => new Queue(name, { connection: { url: redis.url }, prefix: QUEUE_PREFIX }),
    );
    try {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
      const spooled = readdirSync(env.SPOOL_DIR).reduce((bytes, name) => bytes + statSync(join(env.SPOOL_DIR, name)).size, 0);
      return counts.every((pending) => Object.values(pending).every((count) => count === 0)) && spooled === 0;
    } finally {
      await Promise.all(queues.map((queue) => queue.close()));
    }
  }

  /** Runs the load around a fault, then waits until every redirected click is counted. */
  async function underLoad(
    fault: () => Promise<void>,
  ): Promise<{ redirected: number; failed: number; counted: number; reported: number; leads: number; leadsStored: number }> {
    const creator = await newCreator(api.url);
    const link = await insertLink({ query }, creator.id);
    const token = (await creator.client.post('/api/v1/tokens', { name: 'shop server' })).body.token as string;
    const started = new Date(Date.now() - 60_000);
    const load = new SteadyLoad(() => `${api.url}/${link.slug}`, CLICKS_PER_SECOND);
    const leads = new ConversionLoad(() => `${api.url}/api/v1/track/lead`, token, LEADS_PER_SECOND);
    load.start();
    leads.start();
    await sleep(2000); // duration: load before the fault
    await fault();
    await sleep(2000); // duration: load after the fault
    await load.stop();
    await leads.stop(Date.now() + 60_000);

    const count = async (): Promise<number> =>
      Number(
        (await query<{ count: string }>('SELECT count(*) FROM events WHERE link_id = $1 AND NOT is_bot', [link.id]))[0].count,
      );
    const counted = await eventually(
      async () => {
        const stored = await count().catch(() => -1);
        return stored >= load.redirected ? stored : null;
      },
      90_000,
      `all ${load.redirected} clicks stored`,
    ).catch(async () => count());
    // nothing left anywhere a click could wait: whatever is counted now is final
    await eventually(pipelineIdle, 60_000, 'the capture queue and the spool to empty');
    const settled = await count();
    const to = new Date(Date.now() + 60_000);
    const overview = await creator.client.get(
      `/api/v1/analytics/overview?from=${started.toISOString()}&to=${to.toISOString()}&tz=UTC&linkId=${link.id}`,
    );
    expect(counted).toBe(settled);
    if (settled !== load.redirected) console.log(await diagnostics());
    const [stored] = await query<{ rows: string; leads: string }>(
      'SELECT count(*) AS rows, count(DISTINCT event_id) AS leads FROM conversions WHERE creator_id = $1',
      [creator.id],
    );
    expect(Number(stored.rows)).toBe(Number(stored.leads));
    return {
      redirected: load.redirected,
      failed: load.failed,
      counted: settled,
      reported: overview.body.clicks?.value,
      leads: leads.leads,
      leadsStored: Number(stored.leads),
    };
  }

  it('Redis hangs for 5 seconds', async () => {
    const result = await underLoad(async () => {
      redis.pause();
      await sleep(5000); // duration: the fault
      redis.resume();
    });
    expect(result.failed).toBe(0);
    expect(result.counted).toBe(result.redirected);
    expect(result.reported).toBe(result.redirected);
    expect(result.leadsStored).toBe(result.leads);
  }, 180_000);

  it('Redis is killed and restarts from its append-only file', async () => {
    const result = await underLoad(async () => {
      await redis.stop();
      await sleep(3000); // duration: the fault
      await redis.start();
    });
    expect(result.failed).toBe(0);
    expect(result.counted).toBe(result.redirected);
    expect(result.reported).toBe(result.redirected);
    expect(result.leadsStored).toBe(result.leads);
  }, 180_000);

  it('PostgreSQL stops for 30 seconds and comes back', async () => {
    const result = await underLoad(async () => {
      postgres.stop();
      await sleep(30_000); // duration: the fault
      postgres.start();
    });
    expect(result.failed).toBe(0);
    expect(result.counted).toBe(result.redirected);
    expect(result.leadsStored).toBe(result.leads);
  }, 240_000);

  it('a worker is killed with SIGKILL mid-batch and a new one starts', async () => {
    const result = await underLoad(async () => {
      await worker.kill('SIGKILL');
      await sleep(1000); // duration: the fault
      worker.start();
    });
    expect(result.failed).toBe(0);
    expect(result.counted).toBe(result.redirected);
    expect(result.reported).toBe(result.redirected);
    expect(result.leadsStored).toBe(result.leads);
  }, 180_000);

  it('the API gets SIGTERM while serving and is started again', async () => {
    const result = await underLoad(async () => {
      await api.kill('SIGTERM');
      await api.startAndWait();
    });
    // requests sent while no API listened are refused and never redirected: they are not clicks
    expect(result.counted).toBe(result.redirected);
    expect(result.reported).toBe(result.redirected);
    expect(result.leadsStored).toBe(result.leads);
  }, 180_000);
});
