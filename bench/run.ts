import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runConversionsBench } from './conversions.bench.js';
import { runEnrichBench } from './enrich.bench.js';
import { runJourneysBench } from './journeys.bench.js';
import { runLinkListBench } from './link-list.bench.js';
import { runDashboardBench } from './dashboard.bench.js';
import { runPipelineBench } from './pipeline.bench.js';
import { runQueriesBench } from './queries.bench.js';
import { runRedirectBench } from './redirect.bench.js';
import { runReportBench } from './report.bench.js';
import { runReportYearBench } from './report-year.bench.js';
import { runRollupBench } from './rollup.bench.js';
import type { BenchResult } from './support/bench-result.js';

/**
 * `npm run bench [name…]`: every benchmark of SPEC section 7 (or the named ones), one table at
 * the end. Each figure sits beside a baseline measured in the same run where one exists.
 */
const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  redirect: runRedirectBench,
  pipeline: runPipelineBench,
  conversions: runConversionsBench,
  enrich: async () => {
    const { value, unit } = await runEnrichBench();
    return [{ bench: 'enrich', metric: 'enrichHit throughput, one core', value, unit }];
  },
  // seeds 10 M clicks over a year once (minutes); the dashboard and report-year benches read them
  queries: async () =>
    (await runQueriesBench()).map(({ name, value, unit }) => ({
      bench: 'queries',
      metric: name.replace(/^queries: /, ''),
      value,
      unit,
    })),
  // journeys, paths and segments read from raw events over the queries bench's creator
  journeys: runJourneysBench,
  // a busy day's rollup runs (its own creator in the bench database): 00:05 and 23:55 beside the whole-day rebuild
  rollup: runRollupBench,
  report: async () => {
    const { value, unit } = await runReportBench();
    return [{ bench: 'report', metric: '12-month PDF render (synthetic data)', value, unit }, ...(await runReportYearBench())];
  },
  dashboard: runDashboardBench,
  'link-list': runLinkListBench,
};

function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function table(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.bench,
    r.metric,
    `${r.value.toLocaleString('en-US')} ${r.unit}`,
    r.baseline === undefined ? '' : `${r.baseline.toLocaleString('en-US')} ${r.unit}`,
    r.note ?? '',
  ]);
  const header = ['bench', 'metric', 'value', 'baseline (same run)', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export async function runBenchmarks(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !BENCHES[name]);
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const selected = names.length ? names : Object.keys(BENCHES);
  const results: BenchResult[] = [];
  for (const name of selected) {
    console.log(`▶ ${name}`);
    results.push(...(await BENCHES[name]()));
  }
  console.log(`\nmachine: ${machine()}\n`);
  console.log(table(results));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runBenchmarks(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
