import pg from 'pg';
import { Redis } from 'ioredis';

export default async function globalTeardown(): Promise<void> {
  await releaseRedisDatabase();
  const name = process.env.LINKPULSE_TEST_DATABASE;
  if (!name || process.env.KEEP_TEST_DATABASE) return;
  const client = new pg.Client({
    connectionString: `${process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432'}/postgres`,
  });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

async function releaseRedisDatabase(): Promise<void> {
  const db = process.env.LINKPULSE_TEST_REDIS_DB;
  if (!db) return;
  const registry = new Redis(`${process.env.TEST_REDIS_BASE_URL || 'redis://127.0.0.1:6379'}/0`);
  await registry.del(`linkpulse:test-db:${db}`);
  await registry.quit();
}
