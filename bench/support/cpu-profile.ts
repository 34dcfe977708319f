import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** µs between samples */
  timeDeltas: number[];
}

/**
 * The functions a V8 CPU profile (--cpu-prof) spent most of its busy samples in, by self time:
 * "share  name  file:line". Samples in the first `skipMs` (start-up) and idle ones are left out.
 */
export function topFrames(file: string, count: number, skipMs: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfSamples = new Map<string, number>();
  let elapsedUs = 0;
  let busy = 0;
  profile.samples.forEach((id, index) => {
    elapsedUs += profile.timeDeltas[index];
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (elapsedUs < skipMs * 1000 || functionName === '(idle)') return;
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, '');
    const key = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
    selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
    busy++;
  });
  return [...selfSamples.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, samples]) => `${((100 * samples) / busy).toFixed(1).padStart(5)}%  ${frame}`);
}

/** The newest profile written into `dir`. */
export function newestProfile(dir: string): string | null {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  return files.length ? join(dir, files[files.length - 1]) : null;
}
