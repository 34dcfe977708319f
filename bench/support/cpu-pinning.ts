import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/**
 * Which cores a ratio benchmark uses: the server under test (and its baseline) on one core, the
 * load generator and everything else on the others. BENCH_SERVER_CORE picks the server's core (1).
 */
export interface CorePlan {
  /** the server under test and its baseline, or null when there is nothing to pin (one core, no taskset) */
  server: string | null;
  /** wrk, the worker, PostgreSQL and Redis */
  rest: string | null;
  description: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function planCores(): CorePlan {
  const count = cpus().length;
  if (count < 2 || !hasTaskset()) {
    return { server: null, rest: null, description: `not pinned (${count} core(s)${hasTaskset() ? '' : ', no taskset'})` };
  }
  const server = Number(process.env.BENCH_SERVER_CORE ?? 1);
  if (!(server >= 0 && server < count)) throw new Error(`BENCH_SERVER_CORE=${server}: this machine has cores 0–${count - 1}`);
  const rest = Array.from({ length: count }, (_, core) => core)
    .filter((core) => core !== server)
    .join(',');
  return { server: String(server), rest, description: `servers on core ${server}, wrk/worker/PostgreSQL/Redis on ${rest}` };
}

function pidsOf(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', name], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function affinityOf(pid: number): string | null {
  try {
    return /: (\S+)\s*$/.exec(execFileSync('taskset', ['-pc', String(pid)], { encoding: 'utf8' }))?.[1] ?? null;
  } catch {
    return null;
  }
}

function setAffinity(pid: number, cores: string): void {
  try {
    execFileSync('taskset', ['-apc', cores, String(pid)], { stdio: 'ignore' });
  } catch {
    // the process ended meanwhile (a PostgreSQL backend)
  }
}

const SERVICES = ['postgres', 'redis-server'];

/**
 * PostgreSQL and Redis are system services this benchmark does not start: when it runs as root
 * (and BENCH_PIN_SERVICES is not 0) every process of theirs is moved to the load generator's cores
 * for the run, and put back where it was after. Otherwise they run wherever the system puts them,
 * which the report says.
 */
export function pinServices(rest: string | null): { pinned: boolean; restore: () => void } {
  const none = { pinned: false, restore: () => undefined };
  if (!rest || process.getuid?.() !== 0 || process.env.BENCH_PIN_SERVICES === '0') return none;
  const before = new Map<string, string>();
  for (const name of SERVICES) {
    const pids = pidsOf(name);
    const affinity = pids.length ? affinityOf(pids[0]) : null;
    if (!affinity) continue;
    before.set(name, affinity);
    for (const pid of pids) setAffinity(pid, rest);
  }
  if (before.size === 0) return none;
  return {
    pinned: true,
    // processes forked meanwhile (PostgreSQL backends) inherited the pinning: every current one is put back
    restore: () => {
      for (const [name, affinity] of before) for (const pid of pidsOf(name)) setAffinity(pid, affinity);
    },
  };
}
