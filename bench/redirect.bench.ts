import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { migrateDatabase } from '@app/db';
import { type BenchResult, progress, progressDone } from './support/bench-result.js';
import { BROWSER_USER_AGENT, createBenchLink } from './support/bench-link.js';
import { BENCH_DATABASE_URL, freePort, startProcess, stopProcess, waitForHttp } from './support/services.js';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S || 10);
const WARMUP_S = 2;

interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non3xx: number;
}

async function load(url: string, seconds: number, label: string): Promise<LoadFigures> {
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    headers: { 'user-agent': BROWSER_USER_AGENT },
  });
  const started = Date.now();
  const ticker = setInterval(
    () => progress(`redirect: ${label} ${Math.round((Date.now() - started) / 1000)}/${seconds} s`),
    1000,
  );
  const result = await instance;
  clearInterval(ticker);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non3xx: result.non2xx - result['3xx'],
  };
}

/**
 * `GET /{slug}` with capture, against a bare node:http server answering a fixed 302: same
 * machine, same load tool (autocannon), same settings, one after the other in the same run.
 */
export async function runRedirectBench(): Promise<BenchResult[]> {
  await migrateDatabase(BENCH_DATABASE_URL);
  const baselinePort = await freePort();
  const baseline = fork(fileURLToPath(new URL('./support/baseline-server.js', import.meta.url)), [String(baselinePort)]);
  await new Promise((resolve) => baseline.once('message', resolve));

  const apiPort = await freePort();
  const api = startProcess('api', { PORT: String(apiPort), HOST: '127.0.0.1' });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await waitForHttp(`${apiUrl}/health`);
    const { slug } = await createBenchLink(apiUrl);
    const baselineUrl = `http://127.0.0.1:${baselinePort}/x`;
    const linkUrl = `${apiUrl}/${slug}`;
    await load(baselineUrl, WARMUP_S, 'warm-up (baseline)');
    await load(linkUrl, WARMUP_S, 'warm-up (linkpulse)');
    const bare = await load(baselineUrl, DURATION_S, 'bare node:http 302');
    const ours = await load(linkUrl, DURATION_S, 'GET /{slug} with capture');
    progressDone();
    if (ours.non3xx > 0) throw new Error(`${ours.non3xx} redirects failed during the benchmark`);
    return [
      {
        bench: 'redirect',
        metric: `requests/s (${CONNECTIONS} connections)`,
        value: Math.round(ours.requestsPerSecond),
        unit: 'req/s',
        baseline: Math.round(bare.requestsPerSecond),
        note: `${Math.round((100 * ours.requestsPerSecond) / bare.requestsPerSecond)}% of bare`,
      },
      { bench: 'redirect', metric: 'latency p50', value: ours.p50, unit: 'ms', baseline: bare.p50 },
      { bench: 'redirect', metric: 'latency p99', value: ours.p99, unit: 'ms', baseline: bare.p99 },
    ];
  } finally {
    await stopProcess(api);
    baseline.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runRedirectBench());
}
