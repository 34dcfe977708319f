import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * Every test run gets its own PostgreSQL database (named here, created and migrated by
 * database.setup.ts before the first test file, dropped after the run) and its own Redis logical
 * database, flushed first. Test workers inherit the environment set here, with the login limits
 * and click-flood marking off (a test that wants them passes its own environment to startApi).
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
    // suites sign up many creators and fire many clicks from 127.0.0.1; test/security*.e2e-spec.ts turn both back on
    AUTH_RATE_LIMITS: 'off',
    CLICK_FLOOD_LIMIT: '0',
  });
}
