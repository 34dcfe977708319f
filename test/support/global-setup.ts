import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const REDIS_DATABASES = 15;
const CLAIM_SECONDS = 3 * 3600;

/**
 * Claims a Redis logical database (1–15) for this run alone: several runs on one machine (two
 * checkouts, a developer and CI) must never flush each other's queues. The claim is a key in
 * database 0 holding the claiming process's id; globalTeardown releases it, and a claim whose
 * process is gone (a run that was killed) is taken over, so dead runs never use up the databases.
 */
async function claimRedisDatabase(baseUrl: string): Promise<number> {
  const registry = new Redis(`${baseUrl}/0`);
  try {
    for (let offset = 0; offset < REDIS_DATABASES; offset++) {
      const db = 1 + ((process.pid + offset) % REDIS_DATABASES);
      const key = `linkpulse:test-db:${db}`;
      const claimed = await registry.set(key, String(process.pid), 'EX', CLAIM_SECONDS, 'NX');
      if (claimed === 'OK') return db;
      const holder = await registry.get(key);
      if (holder === null || isAlive(Number(holder))) continue;
      // SET … GET: only the run that replaced the dead holder's value owns the database
      const replaced = await registry.set(key, String(process.pid), 'EX', CLAIM_SECONDS, 'GET');
      if (replaced === holder) return db;
    }
  } finally {
    await registry.quit();
  }
  throw new Error(`all ${REDIS_DATABASES} Redis test databases are claimed (keys linkpulse:test-db:* in database 0)`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every test run gets its own PostgreSQL database (named here, created and migrated by
 * database.setup.ts before the first test file, dropped after the run) and its own Redis logical
 * database, flushed first. Test workers inherit the environment set here, with the login limits
 * and click-flood marking off (a test that wants them passes its own environment to startApi).
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432';
  const name = `linkpulse_test_${process.pid}_${Date.now()}`;

  const redisBase = process.env.TEST_REDIS_BASE_URL || 'redis://127.0.0.1:6379';
  const redisDb = await claimRedisDatabase(redisBase);
  const redisUrl = `${redisBase}/${redisDb}`;
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  await redis.quit();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    TZ: 'UTC',
    DATABASE_URL: `${base}/${name}`,
    REDIS_URL: redisUrl,
    LINKPULSE_TEST_REDIS_DB: String(redisDb),
    SPOOL_DIR: mkdtempSync(join(tmpdir(), 'linkpulse-spool-')),
    LINKPULSE_TEST_DATABASE: name,
    // suites sign up many creators and fire many clicks from 127.0.0.1; test/security*.e2e-spec.ts turn both back on
    AUTH_RATE_LIMITS: 'off',
    CLICK_FLOOD_LIMIT: '0',
  });
}
