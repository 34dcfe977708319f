import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../../libs/db/src/database.bootstrap.js';
import { Redis } from 'ioredis';

/**
 * Every test run gets its own PostgreSQL database (created and migrated here, dropped after)
 * and its own Redis logical database, flushed first. Workers inherit the environment.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432';
  const name = `linkpulse_test_${process.pid}_${Date.now()}`;
  const databaseUrl = `${base}/${name}`;
  await migrateDatabase(databaseUrl);

  const redisDb = 1 + (process.pid % 15);
  const redisUrl = `${process.env.TEST_REDIS_BASE_URL || 'redis://127.0.0.1:6379'}/${redisDb}`;
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  await redis.quit();

  Object.assign(process.env, {
    NODE_ENV: 'test',
    TZ: 'UTC',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    SPOOL_DIR: mkdtempSync(join(tmpdir(), 'linkpulse-spool-')),
    LINKPULSE_TEST_DATABASE: name,
    LOG_LEVEL: 'error',
  });
}
