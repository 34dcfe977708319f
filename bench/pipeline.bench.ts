import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { migrateDatabase } from '@app/db';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type BenchResult, progress, progressDone } from './support/bench-result.js';
import { BROWSER_USER_AGENT, createBenchLink } from './support/bench-link.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, freePort, startProcess, stopProcess, waitForHttp } from './support/services.js';
import { percentile } from './support/percentiles.js';

const CLICKS = Number(process.env.BENCH_PIPELINE_CLICKS || 1_000_000);
const RATE = Number(process.env.BENCH_PIPELINE_RATE || 5000);
const TIMEOUT_MS = Number(process.env.BENCH_PIPELINE_TIMEOUT_S || 900) * 1000;

/**
 * N clicks fired at a steady rate through the real API and one worker: seconds until every one
 * is stored and in the rollups, the capture-to-storage lag, and clicks lost (must be 0). The lag
 * of click i is when the stored count first reached i minus when click i was due (sampled every 250 ms).
 */
export async function runPipelineBench(): Promise<BenchResult[]> {
  await migrateDatabase(BENCH_DATABASE_URL);
  const flush = new Redis(BENCH_REDIS_URL);
  await flush.flushdb();
  flush.disconnect();
  const port = await freePort();
  const api = startProcess('api', { PORT: String(port), HOST: '127.0.0.1' });
  const worker = startProcess('worker');
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  try {
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${apiUrl}/health`);
    const { slug, linkId, creatorId } = await createBenchLink(apiUrl);
    const stored = async (): Promise<number> =>
      Number((await db.query('SELECT count(*) FROM events WHERE link_id = $1', [linkId])).rows[0].count);
    const rolledUp = async (): Promise<boolean> => {
      const { rows } = await db.query(
        `SELECT (SELECT coalesce(sum(clicks), 0) FROM rollup_quarter WHERE creator_id = $1 AND link_id = $2) AS clicks,
                (SELECT count(*) FROM rollup_dirty_hours WHERE creator_id = $1)
                  + (SELECT count(*) FROM rollup_pending WHERE creator_id = $1) AS dirty`,
        [creatorId, linkId],
      );
      return Number(rows[0].clicks) === CLICKS && Number(rows[0].dirty) === 0;
    };

    const started = Date.now();
    const samples: { at: number; count: number }[] = [];
    const firing = autocannon({
      url: `${apiUrl}/${slug}`,
      connections: 32,
      overallRate: RATE,
      amount: CLICKS,
      timeout: 10,
      headers: { 'user-agent': BROWSER_USER_AGENT },
    });
    let fired: autocannon.Result | null = null;
    void firing.then((result) => (fired = result));
    let storedAllAt = 0;
    let rolledUpAt = 0;
    while (Date.now() - started < TIMEOUT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const count = await stored();
      samples.push({ at: Date.now(), count });
      progress(
        `pipeline: ${count.toLocaleString('en-US')} / ${CLICKS.toLocaleString('en-US')} stored, ${Math.round((Date.now() - started) / 1000)} s`,
      );
      if (count >= CLICKS && !storedAllAt) storedAllAt = Date.now();
      if (storedAllAt && (await rolledUp())) {
        rolledUpAt = Date.now();
        break;
      }
    }
    await firing;
    progressDone();
    const result = fired as autocannon.Result | null;
    const redirected = result ? result['3xx'] : 0;
    const finalCount = await stored();
    const lags: number[] = [];
    for (let i = 1; i <= CLICKS; i += Math.max(1, Math.floor(CLICKS / 10_000))) {
      const due = started + (i / RATE) * 1000;
      const sample = samples.find((s) => s.count >= i);
      if (sample) lags.push(Math.max(0, sample.at - due));
    }
    lags.sort((a, b) => a - b);
    return [
      {
        bench: 'pipeline',
        metric: `${CLICKS.toLocaleString('en-US')} clicks at ${RATE}/s: all stored after`,
        value: storedAllAt ? (storedAllAt - started) / 1000 : NaN,
        unit: 's',
        baseline: CLICKS / RATE,
        note: 'baseline: firing time',
      },
      {
        bench: 'pipeline',
        metric: 'all in the rollups after',
        value: rolledUpAt ? (rolledUpAt - started) / 1000 : NaN,
        unit: 's',
        note: 'rollup runs every 60 s',
      },
      { bench: 'pipeline', metric: 'capture → stored lag p50', value: percentile(lags, 50) / 1000, unit: 's' },
      { bench: 'pipeline', metric: 'capture → stored lag p99', value: percentile(lags, 99) / 1000, unit: 's' },
      {
        bench: 'pipeline',
        metric: 'clicks lost (redirected − stored)',
        value: redirected - finalCount,
        unit: 'clicks',
        note: `${redirected.toLocaleString('en-US')} redirected`,
      },
    ];
  } finally {
    await db.end();
    await stopProcess(api);
    await stopProcess(worker);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runPipelineBench());
}
