import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/linkpulse_bench';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/15';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ProcessOptions {
  /** pin the process to these cores (taskset -c), for a benchmark that compares per-core figures */
  cpus?: string | null;
  /** options for node itself, e.g. --cpu-prof */
  nodeArgs?: string[];
}

/** A compiled Linkpulse process (dist/) with the benchmark's database and Redis. */
export function startProcess(
  entry: 'api' | 'worker',
  env: Record<string, string> = {},
  { cpus = null, nodeArgs = [] }: ProcessOptions = {},
): ChildProcess {
  const path = fileURLToPath(new URL(`../../apps/${entry}/src/main.js`, import.meta.url));
  const command = [process.execPath, ...nodeArgs, path];
  const [file, ...args] = cpus ? ['taskset', '-c', cpus, ...command] : command;
  return spawn(file, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'benchmark-session-secret-of-at-least-32-characters',
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_URL: BENCH_REDIS_URL,
      SPOOL_DIR: mkdtempSync(join(tmpdir(), 'linkpulse-bench-spool-')),
      // every benchmark click comes from one address: the per-address flood rule would count them as bots
      CLICK_FLOOD_LIMIT: '0',
      ...env,
    },
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
