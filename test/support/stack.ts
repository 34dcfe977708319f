import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/common';
import pg from 'pg';
import { createApiApp } from '../../apps/api/src/http/api-app.factory.js';
import { createWorkerApp } from '../../apps/worker/src/worker-app.factory.js';

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/** The API in this process, on a free port, against the run's database and Redis. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const config = loadConfig({ ...process.env, ...env });
  const app = await createApiApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export async function startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  return createWorkerApp(loadConfig({ ...process.env, ...env }), { logger: false });
}

/** A direct connection to the run's database, for assertions on what was stored. */
export async function connectDatabase(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
