import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { migrateDatabase } from '@app/db';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type BenchResult, progress, progressDone } from './support/bench-result.js';
import { signUpBenchCreator } from './support/bench-link.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, freePort, startProcess, stopProcess, waitForHttp } from './support/services.js';

const SECONDS = Number(process.env.BENCH_CONVERSIONS_SECONDS || 10);
const PER_REQUEST = 100;
const CONNECTIONS = 8;
const TIMEOUT_MS = 300_000;

/** A creator of the benchmark database and a personal token, through the public API. */
async function benchToken(apiUrl: string): Promise<{ creatorId: string; token: string }> {
  const { creatorId, cookie } = await signUpBenchCreator(apiUrl, 'bench_conv');
  const created = await fetch(`${apiUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-requested-with': 'linkpulse' },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = (await created.json()) as { token: string };
  return { creatorId, token };
}

/** 100 leads and sales of distinct customers, without event ids: each one a conversion of its own. */
const BATCH = JSON.stringify({
  events: Array.from({ length: PER_REQUEST }, (_, i) =>
    i % 4 === 3
      ? { kind: 'sale', customerId: `customer-${i}`, amount: 4900, currency: 'EUR' }
      : { kind: 'lead', customerId: `customer-${i}`, eventName: 'Newsletter' },
  ),
});

/** Posts batches as fast as `CONNECTIONS` connections allow for SECONDS; conversions accepted (2xx × 100). */
async function fire(url: string, token: string): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: BATCH,
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} batches refused`);
  return result['2xx'] * PER_REQUEST;
}

async function startBaseline(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('./support/baseline-accept-server.js', import.meta.url)), [String(port)]);
  await new Promise((resolve) => child.once('message', resolve));
  return { url: `http://127.0.0.1:${port}/api/v1/track/batch`, child };
}

/**
 * Conversion ingestion through the tracking API (SPEC section 8): batches of 100 leads and sales
 * posted with a personal token by 8 connections for 10 s, against one API process and one worker.
 * Figures: conversions accepted per second by the API, beside a bare node:http server that parses
 * the same bodies and answers 202 (same load tool and settings); and conversions stored per second,
 * from the first request until the last conversion is attributed and in PostgreSQL.
 */
export async function runConversionsBench(): Promise<BenchResult[]> {
  await migrateDatabase(BENCH_DATABASE_URL);
  const flush = new Redis(BENCH_REDIS_URL);
  await flush.flushdb();
  flush.disconnect();
  const port = await freePort();
  const api = startProcess('api', { PORT: String(port), HOST: '127.0.0.1' });
  const worker = startProcess('worker');
  const baseline = await startBaseline();
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${apiUrl}/health`);
    const { creatorId, token } = await benchToken(apiUrl);
    const baselineAccepted = await fire(baseline.url, token);
    const started = Date.now();
    const accepted = await fire(`${apiUrl}/api/v1/track/batch`, token);
    const stored = async (): Promise<number> =>
      Number((await db.query('SELECT count(*) FROM conversions WHERE creator_id = $1', [creatorId])).rows[0].count);
    let count = 0;
    while (Date.now() - started < TIMEOUT_MS && (count = await stored()) < accepted) {
      progress(`conversions: ${count.toLocaleString('en-US')} / ${accepted.toLocaleString('en-US')} stored`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const storedAfter = (Date.now() - started) / 1000;
    progressDone();
    return [
      {
        bench: 'conversions',
        metric: `accepted by POST /track/batch (${PER_REQUEST} a request, ${CONNECTIONS} connections)`,
        value: Math.round(accepted / SECONDS),
        unit: 'conversions/s',
        baseline: Math.round(baselineAccepted / SECONDS),
        note: 'baseline: bare node:http parsing the same bodies',
      },
      {
        bench: 'conversions',
        metric: `stored and attributed, ${accepted.toLocaleString('en-US')} in ${storedAfter.toFixed(1)} s`,
        value: Math.round(count / storedAfter),
        unit: 'conversions/s',
        note: 'one worker',
      },
      { bench: 'conversions', metric: 'conversions lost (accepted − stored)', value: accepted - count, unit: 'conversions' },
    ];
  } finally {
    await db.end();
    baseline.child.kill();
    await stopProcess(api);
    await stopProcess(worker);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runConversionsBench());
}
