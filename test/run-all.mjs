#!/usr/bin/env node
/**
 * `npm test`: every suite — unit, integration (real PostgreSQL and Redis), faults, browser — one
 * after the other, then the totals on a line of their own: `N passed, N failed`.
 * Pass suite names to run only those (`npm test -- unit integration`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUITES = [
  { project: 'unit' },
  { project: 'integration', runInBand: true },
  { project: 'faults', runInBand: true, needsBuild: true },
  { project: 'browser', runInBand: true, needsBuild: true },
];

const wanted = process.argv.slice(2);
const suites = wanted.length ? SUITES.filter((suite) => wanted.includes(suite.project)) : SUITES;
const env = { ...process.env, TZ: 'UTC', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() };

if (suites.some((suite) => suite.needsBuild)) {
  console.log('\n▶ build (server and dashboard, for the fault and browser suites)');
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

const outDir = mkdtempSync(join(tmpdir(), 'linkpulse-test-'));
let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n▶ ${suite.project} tests`);
  const outputFile = join(outDir, `${suite.project}.json`);
  // --forceExit: a handle left open by a failing test must not hang CI
  const args = ['node_modules/jest/bin/jest.js', '--selectProjects', suite.project, '--json', `--outputFile=${outputFile}`, '--passWithNoTests', '--forceExit'];
  if (suite.runInBand) args.push('--runInBand');
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  let result;
  try {
    result = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    console.log(`${suite.project}: jest did not report (exit ${run.status})`);
    failed += 1;
    continue;
  }
  // a suite that fails to load counts as one failure, so it can never pass silently
  const brokenSuites = result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  passed += result.numPassedTests;
  failed += result.numFailedTests + brokenSuites;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
