import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { type BenchResult, progress, progressDone } from './support/bench-result.js';
import { BENCH_QUERIES_ACCOUNT } from './support/bench-account.js';
import { freePort, startProcess, stopProcess, waitForHttp } from './support/services.js';

const RUNS = 5;

interface PageDocument {
  querySelectorAll(selector: string): { length: number };
}

/** The overview has rendered: five cards with values, no skeleton left, the chart drawn, nothing stale. */
const RENDERED = (): boolean => {
  // runs in the page (a function, not a string: the dashboard's CSP forbids eval)
  const { document } = globalThis as unknown as { document: PageDocument };
  return (
    document.querySelectorAll('.card.stat .value').length >= 5 &&
    document.querySelectorAll('.skeleton').length === 0 &&
    document.querySelectorAll('.uplot canvas').length > 0 &&
    document.querySelectorAll('.stale').length === 0
  );
};

/**
 * Seconds from navigation to a rendered overview of the last 12 months for the creator the
 * queries benchmark seeded (10 M clicks over a year), in Debian's Chromium, first and warm loads.
 */
export async function runDashboardBench(): Promise<BenchResult[]> {
  const port = await freePort();
  const api = startProcess('api', { PORT: String(port), HOST: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await waitForHttp(`${base}/health`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BENCH_QUERIES_ACCOUNT.email, password: BENCH_QUERIES_ACCOUNT.password }),
    });
    if (login.status !== 200) throw new Error('the seeded benchmark creator is missing: run `npm run bench -- queries` first');
    const token = /lp_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'lp_session', value: token, url: base }]);
    const page = await context.newPage();
    const timings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      progress(`dashboard: load ${run + 1}/${RUNS}`);
      const started = Date.now();
      await page.goto(`${base}/app?range=12mo`);
      await page.waitForFunction(RENDERED, undefined, { timeout: 30_000, polling: 'raf' });
      timings.push((Date.now() - started) / 1000);
    }
    progressDone();
    const warm = [...timings.slice(1)].sort((a, b) => a - b);
    return [
      { bench: 'dashboard', metric: 'overview of 12 months (10 M clicks), first load', value: timings[0], unit: 's' },
      {
        bench: 'dashboard',
        metric: 'overview of 12 months, warm load (median)',
        value: warm[Math.floor(warm.length / 2)],
        unit: 's',
      },
    ];
  } finally {
    await browser.close();
    await stopProcess(api);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runDashboardBench());
}
