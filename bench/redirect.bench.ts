import { type ChildProcess, spawn } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { QUEUE_PREFIX, QueueName } from '@app/common';
import { migrateDatabase } from '@app/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type BenchResult, progress, progressDone } from './support/bench-result.js';
import { BROWSER_USER_AGENT, createBenchLink, type LinkFields, LinkRefused } from './support/bench-link.js';
import { type CorePlan, pinServices, planCores } from './support/cpu-pinning.js';
import { newestProfile, topFrames } from './support/cpu-profile.js';
import { cpuTimeNs } from './support/cpu-time.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL, freePort, startProcess, stopProcess, waitForHttp } from './support/services.js';
import { ensureWrk, runWrk, type WrkFigures } from './support/wrk.js';

const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S || 10);
const CYCLES = Number(process.env.BENCH_ROUNDS || 3);
const WARMUP_S = 3;
/** every state a capture batch can wait in before it is stored */
const QUEUED_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_S || 900) * 1000;
/** captured clicks neither queued nor stored for this long are gone elsewhere (a second worker) */
const STUCK_MS = 30_000;

/** What a phone browser coming from Instagram sends; the bare server gets the same requests. */
const REQUEST_HEADERS = {
  'User-Agent': BROWSER_USER_AGENT,
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'en-US,en;q=0.9',
  'Accept-Encoding': 'gzip, deflate, br',
  Referer: 'https://l.instagram.com/',
};

/** The kinds of link measured against the bare server; a kind the API does not accept yet is skipped. */
const KINDS: { name: string; label: string; fields: LinkFields }[] = [
  { name: 'plain', label: 'GET /{slug} with capture', fields: {} },
  { name: 'conversion', label: 'with conversionTracking (lp_cid)', fields: { conversionTracking: true } },
  {
    name: 'rules',
    label: 'with rules (language, then device)',
    fields: {
      rules: [
        { if: { language: ['de'] }, url: 'https://example.com/de' },
        { if: { device: ['mobile'] }, url: 'https://example.com/mobile' },
      ],
    },
  },
];

/** wrk's figures, and the server's CPU time per request (µs; null off Linux) */
type RoundFigures = WrkFigures & { cpuUs: number | null };

interface Round {
  kind: string;
  figures: RoundFigures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function describe(figures: RoundFigures): string {
  const cpu = figures.cpuUs === null ? '' : `, ${figures.cpuUs.toFixed(1)} µs CPU/request`;
  return `${Math.round(figures.requestsPerSecond).toLocaleString('en-US')} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms${cpu}`;
}

/** BENCH_CPU_PROF=dir: the API writes a V8 CPU profile of the whole run there (read it in Chrome's DevTools). */
function profilingArgs(dir: string): string[] {
  const exitOnSigterm = fileURLToPath(new URL('./support/exit-on-sigterm.js', import.meta.url));
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', pathToFileURL(exitOnSigterm).href];
}

/** The bare node:http 302 server, pinned like the API. */
function startBaseline(port: number, cores: CorePlan): ChildProcess {
  const path = fileURLToPath(new URL('./support/baseline-server.js', import.meta.url));
  const command = [process.execPath, path, String(port)];
  const [file, ...args] = cores.server ? ['taskset', '-c', cores.server, ...command] : command;
  return spawn(file, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Waits until every click the API captured is stored: the capture queue empty and the events of
 * the benchmark links as many as the API's `linkpulse_hits_captured_total`.
 */
async function drain(apiUrl: string, queue: Queue, db: pg.Client, linkIds: string[]): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let lastStored = -1;
  let stuckSince = Date.now();
  for (let poll = 0; ; poll++) {
    const metrics = await (await fetch(`${apiUrl}/metrics`)).text();
    const captured = Number(/^linkpulse_hits_captured_total\{kind="click"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    const counts = await queue.getJobCounts(...QUEUED_STATES);
    const queued = Object.values(counts).reduce((sum, count) => sum + count, 0);
    const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM events WHERE link_id = ANY($1)', [linkIds]);
    const stored = Number(rows[0].count);
    const done = queued === 0 && stored === captured;
    if (done || process.stdout.isTTY || poll % 10 === 0) {
      progress(
        `redirect: draining the worker: ${stored.toLocaleString('en-US')} of ${captured.toLocaleString('en-US')} clicks stored, ${queued} batches queued`,
      );
    }
    if (done) return;
    if (stored > captured) throw new Error(`${stored} clicks stored for ${captured} captured: a click was stored twice`);
    if (stored !== lastStored || queued > 0) [lastStored, stuckSince] = [stored, Date.now()];
    if (Date.now() - stuckSince > STUCK_MS) {
      throw new Error(
        `${captured - stored} captured clicks are neither queued nor stored after ${STUCK_MS / 1000} s: is another benchmark's worker using ${BENCH_REDIS_URL}? Run one benchmark at a time, or give this one its own BENCH_REDIS_URL.`,
      );
    }
    if (Date.now() > deadline) throw new Error(`the worker did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `GET /{slug}` (with capture) against a bare node:http server answering a fixed 302, per core:
 * both servers pinned to the same core, wrk, the worker, PostgreSQL and Redis on the others.
 * Rounds alternate bare / API; before each, the worker stores every click captured so far, then is
 * paused (SIGSTOP) for the round so the load generator has its core to itself; the captured clicks
 * wait in Redis meanwhile, as in a burst. Medians of the rounds are reported. See docs/benchmarks.md.
 */
export async function runRedirectBench(): Promise<BenchResult[]> {
  ensureWrk();
  await migrateDatabase(BENCH_DATABASE_URL);
  const cores = planCores();
  const services = pinServices(cores.rest);
  console.log(
    `redirect: ${cores.description}; PostgreSQL and Redis ${services.pinned ? `pinned to ${cores.rest} for the run` : 'not pinned (system services: run as root to pin them)'}`,
  );
  const baselinePort = await freePort();
  const apiPort = await freePort();
  const baseline = startBaseline(baselinePort, cores);
  const profileDir = process.env.BENCH_CPU_PROF;
  const apiStartedAt = Date.now();
  let loadStartedAt = apiStartedAt;
  const api = startProcess(
    'api',
    { PORT: String(apiPort), HOST: '127.0.0.1', CLICK_FLOOD_LIMIT: '30' },
    { cpus: cores.server, nodeArgs: profileDir ? profilingArgs(profileDir) : [] },
  );
  const worker = startProcess('worker', {}, { cpus: cores.rest });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.Capture, { connection: redis, prefix: QUEUE_PREFIX });
  try {
    await db.connect();
    await waitForHttp(`${apiUrl}/health`);
    await waitForHttp(`http://127.0.0.1:${baselinePort}/`);
    const links = new Map<string, { url: string; id: string }>();
    for (const kind of KINDS) {
      try {
        const link = await createBenchLink(apiUrl, kind.fields);
        links.set(kind.name, { url: `${apiUrl}/${link.slug}`, id: link.linkId });
      } catch (error) {
        if (!(error instanceof LinkRefused) || kind.name === 'plain') throw error;
        console.log(`redirect: the API does not accept links ${kind.label} yet: those rounds are skipped`);
      }
    }
    const linkIds = [...links.values()].map((link) => link.id);
    const schedule: { kind: string; url: string }[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      for (const [kind, link] of links)
        schedule.push({ kind: 'bare', url: `http://127.0.0.1:${baselinePort}/x` }, { kind, url: link.url });
    }
    const round = async (kind: string, url: string, seconds: number, title: string): Promise<RoundFigures> => {
      await drain(apiUrl, queue, db, linkIds);
      const server = kind === 'bare' ? baseline : api;
      worker.kill('SIGSTOP');
      try {
        const cpuBefore = cpuTimeNs(server.pid);
        const figures = await runWrk({
          url,
          seconds,
          connections: CONNECTIONS,
          headers: REQUEST_HEADERS,
          cpus: cores.rest,
          tick: (elapsed) => progress(`redirect: ${title}: ${kind} ${elapsed}/${seconds} s`),
        });
        const cpuAfter = cpuTimeNs(server.pid);
        const cpuUs = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / 1000 / figures.requests;
        return { ...figures, cpuUs };
      } finally {
        worker.kill('SIGCONT');
      }
    };
    loadStartedAt = Date.now();
    await round('bare', `http://127.0.0.1:${baselinePort}/x`, WARMUP_S, 'warm-up');
    for (const [kind, link] of links) await round(kind, link.url, WARMUP_S, 'warm-up');
    const rounds: Round[] = [];
    for (const [index, { kind, url }] of schedule.entries()) {
      const figures = await round(kind, url, DURATION_S, `round ${index + 1}/${schedule.length}`);
      if (figures.errors > 0) throw new Error(`${figures.errors} failed requests in a ${kind} round`);
      rounds.push({ kind, figures });
      progressDone();
      console.log(`redirect: round ${index + 1}/${schedule.length} ${kind.padEnd(10)} ${describe(figures)}`);
    }
    await drain(apiUrl, queue, db, linkIds);
    progressDone();
    return report(rounds, [...links.keys()], cores, services.pinned);
  } finally {
    worker.kill('SIGCONT');
    await queue.close();
    redis.disconnect();
    await db.end().catch(() => undefined);
    await Promise.all([stopProcess(api), stopProcess(worker), stopProcess(baseline)]);
    services.restore();
    if (profileDir) printProfile(profileDir, loadStartedAt - apiStartedAt);
  }
}

function printProfile(dir: string, startupMs: number): void {
  const file = newestProfile(dir);
  if (!file) return console.log(`redirect: no CPU profile was written into ${dir}`);
  console.log(`redirect: the API's CPU profile (${file}), the functions with the most self time under load:`);
  for (const line of topFrames(file, 30, startupMs)) console.log(`  ${line}`);
}

function report(rounds: Round[], kinds: string[], cores: CorePlan, servicesPinned: boolean): BenchResult[] {
  const of = (kind: string): RoundFigures[] => rounds.filter((round) => round.kind === kind).map((round) => round.figures);
  const bare = of('bare');
  const bareRate = median(bare.map((figures) => figures.requestsPerSecond));
  const setting = `${CONNECTIONS} connections, ${cores.server ? 'one core' : 'unpinned'}${servicesPinned ? '' : ', services unpinned'}`;
  return kinds.flatMap((kind) => {
    const ours = of(kind);
    const rate = median(ours.map((figures) => figures.requestsPerSecond));
    const label = KINDS.find((candidate) => candidate.name === kind)?.label ?? kind;
    return [
      {
        bench: 'redirect',
        metric: `${label}: req/s (median of ${ours.length}, ${setting})`,
        value: Math.round(rate),
        unit: 'req/s',
        baseline: Math.round(bareRate),
        note: `${(rate / bareRate).toFixed(2)}× bare`,
      },
      ...cpuLine(label, ours, bare),
      {
        bench: 'redirect',
        metric: `${label}: latency p50`,
        value: Number(median(ours.map((figures) => figures.p50)).toFixed(2)),
        unit: 'ms',
        baseline: Number(median(bare.map((figures) => figures.p50)).toFixed(2)),
      },
      {
        bench: 'redirect',
        metric: `${label}: latency p99`,
        value: Number(median(ours.map((figures) => figures.p99)).toFixed(2)),
        unit: 'ms',
        baseline: Number(median(bare.map((figures) => figures.p99)).toFixed(2)),
        note: 'goal < 5 ms',
      },
    ];
  });
}

/** Server CPU time per request, median of the rounds: the figure that holds on a busy machine. */
function cpuLine(label: string, ours: RoundFigures[], bare: RoundFigures[]): BenchResult[] {
  const cpu = (rounds: RoundFigures[]): number[] => rounds.flatMap((figures) => (figures.cpuUs === null ? [] : [figures.cpuUs]));
  if (cpu(ours).length === 0 || cpu(bare).length === 0) return [];
  const value = median(cpu(ours));
  const baseline = median(cpu(bare));
  return [
    {
      bench: 'redirect',
      metric: `${label}: server CPU per request`,
      value: Number(value.toFixed(1)),
      unit: 'µs',
      baseline: Number(baseline.toFixed(1)),
      note: `${(baseline / value).toFixed(2)}× bare per core`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runRedirectBench());
}
