import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * Every test run gets its own PostgreSQL database (named here, created and migrated by
 * database.setup.ts before the first test file, dropped after the run) and its own Redis logical
 * database, flushed first. Test workers inherit the environment set here.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432';
  const name = `linkpulse_test_${process.pid}_${Date.now()}`;

  const redisDb = 1 + (process.pid % 15);
  const redisUrl = `${process.env.TEST_REDIS_BASE_URL || 'redis://127.0.0.1:6379'}/${redisDb}`;
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  await redis.quit();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    TZ: 'UTC',
    DATABASE_URL: `${base}/${name}`,
    REDIS_URL: redisUrl,
    SPOOL_DIR: mkdtempSync(join(tmpdir(), 'linkpulse-spool-')),
    LINKPULSE_TEST_DATABASE: name,
  });
}
