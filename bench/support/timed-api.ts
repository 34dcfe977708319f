import { loadConfig } from '@app/common';
import { createApiApp } from '../../apps/api/src/http/api-app.factory.js';
import { percentile } from './percentiles.js';
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from './services.js';

/** The real API app in this process, signed in as one account: times GET requests over HTTP. */
export interface TimedApi {
  /** milliseconds until the whole answer was read; throws unless 200 */
  get(path: string): Promise<number>;
  /** p50 and p95 of `runs` GETs of `path` after `warmup` unmeasured ones */
  percentiles(path: string, warmup: number, runs: number): Promise<[number, number]>;
  /** the answer itself, to read as it streams */
  fetch(path: string): Promise<Response>;
  close(): Promise<void>;
}

export async function openTimedApi(account: { email: string; password: string }): Promise<TimedApi> {
  const app = await createApiApp(
    loadConfig({ ...process.env, DATABASE_URL: BENCH_DATABASE_URL, REDIS_URL: BENCH_REDIS_URL, LOG_LEVEL: 'error' }),
    { logger: false },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (login.status !== 200) {
    await app.close();
    throw new Error(`bench login failed: ${login.status}`);
  }
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const get = async (path: string): Promise<number> => {
    const started = performance.now();
    const reply = await fetch(`${base}${path}`, { headers: { cookie } });
    await reply.arrayBuffer();
    if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
    return performance.now() - started;
  };
  return {
    get,
    async percentiles(path, warmup, runs) {
      for (let i = 0; i < warmup; i++) await get(path);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await get(path));
      times.sort((a, b) => a - b);
      return [percentile(times, 50), percentile(times, 95)];
    },
    fetch: (path) => fetch(`${base}${path}`, { headers: { cookie } }),
    close: () => app.close(),
  };
}

export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
