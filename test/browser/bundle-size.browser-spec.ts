import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { DASHBOARD_DIR } from './support/dashboard-stack.js';

/**
 * The JavaScript a browser must fetch before the dashboard can draw anything, measured on the
 * production build (`web/dist`) as it is served: the entry script of index.html, its module
 * preloads and everything they import statically, gzipped. Page chunks come through `import()`
 * and are measured apart: the overview (what a creator opens first) adds its own chunk and its
 * static imports to the shell.
 */
const LIMIT = 150 * 1024;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.\/[^"'`]+\.js)["'`]/g;

function read(path: string): Buffer {
  return readFileSync(join(DASHBOARD_DIR, path));
}

/** The files a set of entry points loads before running: each plus its static imports, transitively. */
function closure(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const [, relative] of read(file).toString('utf8').matchAll(STATIC_IMPORT)) visit(dir + relative.slice(2));
  };
  entries.forEach(visit);
  return [...seen];
}

const gzipped = (files: string[]): number => files.reduce((sum, file) => sum + gzipSync(read(file), { level: 9 }).length, 0);
const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

describe('initial JavaScript of the dashboard build', () => {
  const html = read('index.html').toString('utf8');
  const entries = [
    ...html.matchAll(
      /<script[^>]+type="module"[^>]+src="\/app\/([^"]+)"|<link[^>]+rel="modulepreload"[^>]+href="\/app\/([^"]+)"/g,
    ),
  ].map((m) => m[1] ?? m[2]);
  const shell = closure(entries);

  it('index.html loads one module script and no inline script (the CSP allows none)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('is under 150 kB gzipped, for the shell and for the overview page on top of it', () => {
    const shellBytes = gzipped(shell);
    const overviewChunk = read(entries[0])
      .toString('utf8')
      .match(/import\(`\.\/(OverviewPage-[^`]+\.js)`\)/);
    expect(overviewChunk).not.toBeNull();
    const overview = closure([`assets/${overviewChunk![1]}`]).filter((file) => !shell.includes(file));
    const overviewBytes = shellBytes + gzipped(overview);
    console.log(
      `initial JavaScript (gzip -9): shell ${kB(shellBytes)} in ${shell.length} file(s); with the overview page ${kB(overviewBytes)} in ${shell.length + overview.length} files`,
    );
    expect(shellBytes).toBeLessThan(LIMIT);
    expect(overviewBytes).toBeLessThan(LIMIT);
  });
});
