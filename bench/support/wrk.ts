import { execFileSync, spawn } from 'node:child_process';

export interface WrkFigures {
  requests: number;
  requestsPerSecond: number;
  /** latencies in ms */
  p50: number;
  p99: number;
  /** responses with a status of 400 or more, and socket errors */
  errors: number;
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's `wrk`, installed with apt-get when it is missing and this process may (root). */
export function ensureWrk(): void {
  if (onPath('wrk')) return;
  if (process.getuid?.() !== 0) throw new Error('wrk is not installed: run `sudo apt-get install wrk` and try again');
  console.log('wrk is not installed: apt-get install wrk');
  execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq wrk'], { stdio: 'inherit' });
}

function milliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value);
  if (!match) throw new Error(`wrk latency not understood: ${value}`);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(match[1]) * scale;
}

/** The figures of wrk's report (run with --latency). */
export function parseWrkReport(report: string): WrkFigures {
  const field = (pattern: RegExp): string => {
    const match = pattern.exec(report);
    if (!match) throw new Error(`wrk report without ${pattern}:\n${report}`);
    return match[1];
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  return {
    requests: Number(field(/(\d+) requests in/)),
    requestsPerSecond: Number(field(/Requests\/sec:\s+([\d.]+)/)),
    p50: milliseconds(field(/^\s+50%\s+(\S+)\s*$/m)),
    p99: milliseconds(field(/^\s+99%\s+(\S+)\s*$/m)),
    errors:
      Number(/Non-2xx or 3xx responses: (\d+)/.exec(report)?.[1] ?? 0) +
      (socketErrors ? socketErrors.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0),
  };
}

export interface WrkRun {
  url: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  /** cores to pin wrk to (taskset -c), or null to leave it where the system puts it */
  cpus: string | null;
  /** called every second with the seconds elapsed */
  tick?: (elapsed: number) => void;
}

/** One wrk run: one thread, keep-alive connections, the latency distribution. */
export async function runWrk({ url, seconds, connections, headers, cpus, tick }: WrkRun): Promise<WrkFigures> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  args.push(url);
  const child = cpus ? spawn('taskset', ['-c', cpus, 'wrk', ...args]) : spawn('wrk', args);
  let report = '';
  child.stdout.on('data', (chunk: Buffer) => (report += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const started = Date.now();
  const ticker = setInterval(() => tick?.(Math.round((Date.now() - started) / 1000)), 1000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(ticker);
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${report}`);
  return parseWrkReport(report);
}
