#!/usr/bin/env node
/**
 * `npm test`: every suite — static checks (typecheck, lint, svelte-check), unit, the dashboard's own
 * tests, integration (real PostgreSQL and Redis), faults, browser — one after the other, then the
 * totals on a line of their own: `N passed, N failed`.
 * Pass suite names to run only those (`npm test -- unit integration`); each suite builds what it
 * needs first, so any subset works on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each check counts as one test: passed when its command exits 0. */
const STATIC_CHECKS = [
  ['typecheck (tsc and svelte-check)', 'npm', ['run', 'typecheck']],
  ['lint (eslint and prettier, server and dashboard)', 'npm', ['run', 'lint']],
  [
    'tests wait for conditions: no fixed sleeps, no retried tests (test/timing.check.mjs)',
    process.execPath,
    ['test/timing.check.mjs'],
  ],
];

const SUITES = [
  { name: 'static', checks: STATIC_CHECKS },
  { name: 'unit', project: 'unit' },
  { name: 'web', nodeTest: 'web/tests/' },
  // the fuzz suite requests the dashboard, which the API serves from web/dist
  { name: 'integration', project: 'integration', runInBand: true, build: 'build:web' },
  { name: 'faults', project: 'faults', runInBand: true, build: 'build' },
  { name: 'browser', project: 'browser', runInBand: true, build: 'build' },
];

const wanted = process.argv.slice(2);
const suites = wanted.length ? SUITES.filter((suite) => wanted.includes(suite.name)) : SUITES;
const env = { ...process.env, TZ: 'UTC', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };
const outDir = mkdtempSync(join(tmpdir(), 'linkpulse-test-'));

/** `build` covers `build:web`: one build per run, the widest any chosen suite needs. */
function buildFor(chosen) {
  const builds = new Set(chosen.map((suite) => suite.build).filter(Boolean));
  return builds.has('build') ? 'build' : [...builds][0];
}

function runChecks(checks) {
  let passed = 0;
  for (const [what, command, args] of checks) {
    const run = spawnSync(command, args, { stdio: 'inherit', env });
    console.log(`${run.status === 0 ? '✓' : '✗'} ${what}`);
    if (run.status === 0) passed += 1;
  }
  return { passed, failed: checks.length - passed };
}

/** node --test with the TAP reporter, counted from its closing `# pass N` / `# fail N` lines. */
function runNodeTests(path) {
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', path], { env: process.env, encoding: 'utf8' });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const count = (label) => Number(run.stdout.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail');
  // a file that does not load reports no test: it must never pass silently
  return run.status !== 0 && failed === 0 ? { passed, failed: 1 } : { passed, failed };
}

function runJest(suite) {
  const outputFile = join(outDir, `${suite.project}.json`);
  // --forceExit: a handle left open by a failing test must not hang CI
  const args = [
    'node_modules/jest/bin/jest.js',
    '--selectProjects',
    suite.project,
    '--json',
    `--outputFile=${outputFile}`,
    '--passWithNoTests',
    '--forceExit',
  ];
  if (suite.runInBand) args.push('--runInBand');
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  let result;
  try {
    result = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    console.log(`${suite.project}: jest did not report (exit ${run.status})`);
    return { passed: 0, failed: 1 };
  }
  // a suite that fails to load counts as one failure, so it can never pass silently
  const brokenSuites = result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  return { passed: result.numPassedTests, failed: result.numFailedTests + brokenSuites };
}

const build = buildFor(suites);
if (build) {
  console.log(
    `\n▶ npm run ${build} (for ${suites
      .filter((suite) => suite.build)
      .map((suite) => suite.name)
      .join(', ')})`,
  );
  if (spawnSync('npm', ['run', build], { stdio: 'inherit', env }).status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n▶ ${suite.name} tests`);
  const result = suite.checks ? runChecks(suite.checks) : suite.nodeTest ? runNodeTests(suite.nodeTest) : runJest(suite);
  passed += result.passed;
  failed += result.failed;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
