import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has run so far, in ns, all its threads (Linux: /proc/<pid>/task/<tid>/schedstat),
 * or null where that is not available. CPU time per request is what a server costs whatever else the
 * machine runs meanwhile, so a ratio of two of them holds on a busy machine where req/s do not.
 */
export function cpuTimeNs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    return readdirSync(`/proc/${pid}/task`).reduce(
      (total, thread) => total + Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]),
      0,
    );
  } catch {
    return null;
  }
}
