#!/usr/bin/env node
/**
 * Tests wait for conditions, never for time (part of the static suite of `npm test`). In every test
 * file — test/**, *.spec.ts, web/tests/** — this fails on:
 *
 * 1. `retryTimes`: a flaky test is a bug to find, not to retry.
 * 2. A timer wait — `setTimeout(resolve, …)` (any callback named resolve, res or r) or a call of a
 *    `sleep(…)` / `delay(…)` helper — unless either
 *    a. `deadline` appears on its line or one of the 3 lines before it: the pause between two checks
 *       of a polling loop that gives up at a deadline (test/support/stack.ts `eventually`); or
 *    b. its line ends with a `// duration: <what>` comment: the elapsed time is itself the input
 *       under test (a fault lasting 5 s, load running for 2 s), never a wait before an assertion.
 *    The definition of such a helper (`const sleep = …`, `function sleep(…)`) is not a wait.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = ['test', 'apps', 'libs', 'scripts', 'web/tests'];
const IGNORED = new Set(['node_modules', 'dist']);
const TIMER_WAIT = /setTimeout\(\s*(resolve|res|r)\s*,|\b(sleep|delay)\(/;
const HELPER_DEFINITION = /\b(const|function)\s+(sleep|delay)\b/;
const POLLING_WINDOW = 3;

const isTestFile = (path) =>
  path.endsWith('.spec.ts') || ((path.startsWith('test/') || path.startsWith('web/tests/')) && /\.(ts|mjs)$/.test(path));

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield relative('.', path);
  }
}

function violations(path, text) {
  const lines = text.split('\n');
  const found = [];
  lines.forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    if (line.includes('retryTimes')) found.push(`${where} retries a test: find the flake instead`);
    if (!TIMER_WAIT.test(line) || HELPER_DEFINITION.test(line)) return;
    const window = lines.slice(Math.max(0, index - POLLING_WINDOW), index + 1);
    if (window.some((nearby) => nearby.includes('deadline'))) return;
    if (/\/\/ duration: \S/.test(line)) return;
    found.push(`${where} waits a fixed time: wait for a condition (eventually) or mark a tested duration`);
  });
  return found;
}

const self = relative('.', new URL(import.meta.url).pathname);
const found = ROOTS.flatMap((root) => [...files(root)])
  .filter((path) => isTestFile(path) && path !== self)
  .flatMap((path) => violations(path, readFileSync(path, 'utf8')));
for (const line of found) console.log(line);
console.log(found.length ? `${found.length} timing problem(s) in tests` : 'tests wait for conditions only');
process.exit(found.length ? 1 : 0);
