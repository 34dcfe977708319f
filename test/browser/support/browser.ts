import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type ConsoleMessage,
  type Locator,
  type Page,
} from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), headless, with nothing talking to Google. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Every test's browser: a creator in Berlin reading English, light theme, downloads allowed. */
export const CONTEXT_DEFAULTS: BrowserContextOptions = {
  viewport: DESKTOP,
  locale: 'en-US',
  timezoneId: 'Europe/Berlin',
  colorScheme: 'light',
  deviceScaleFactor: 1,
  acceptDownloads: true,
};

/** Chrome's own line for any 4xx/5xx answer to a fetch or a resource, logged whatever the page does with it. */
const FAILED_RESOURCE = /^Failed to load resource: (?:the server responded with a status of (\d{3})\b|net::(ERR_[A-Z_]+))/;

/**
 * Console errors and uncaught exceptions of every page of a context. A test that causes a 4xx on
 * purpose declares it with `expectFailedRequest`: only Chrome's "Failed to load resource" line for
 * exactly that status and URL is then let through, once per declaration — anything the dashboard
 * itself logs still counts.
 */
export class ConsoleWatch {
  readonly problems: string[] = [];
  private readonly expected: { path: string; status: number | string }[] = [];

  constructor(context: BrowserContext) {
    context.on('console', (message) => {
      if (message.type() !== 'error' || this.consumeExpected(message)) return;
      const where = message.location().url || message.page()?.url() || '';
      this.problems.push(`console.error: ${message.text()} (${where})`);
    });
    context.on('weberror', (error) => this.problems.push(`pageerror: ${error.error().message} (${error.page()?.url() ?? ''})`));
  }

  /** The next `status` answer (or network error, `ERR_…`) to a URL containing `path` is one the test provokes. */
  expectFailedRequest(path: string, status: number | string): void {
    this.expected.push({ path, status });
  }

  private consumeExpected(message: ConsoleMessage): boolean {
    const match = FAILED_RESOURCE.exec(message.text());
    if (!match) return false;
    const url = message.location().url;
    const failure = match[1] ? Number(match[1]) : match[2];
    const index = this.expected.findIndex((e) => e.status === failure && url.includes(e.path));
    if (index < 0) return false;
    this.expected.splice(index, 1);
    return true;
  }
}

export interface WatchedContext {
  context: BrowserContext;
  page: Page;
  console: ConsoleWatch;
}

/** A fresh context (own cookies) with its console watched, and one page. */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedContext> {
  const context = await browser.newContext({ ...CONTEXT_DEFAULTS, ...options });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const watch = new ConsoleWatch(context);
  const page = await context.newPage();
  return { context, page, console: watch };
}

/** Logs the context in through the API's login endpoint: the session cookie lands in the browser. */
export async function logIn(
  context: BrowserContext,
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
    data: { email: credentials.email, password: credentials.password },
    headers: { 'x-requested-with': 'linkpulse' },
  });
  if (response.status() !== 200) throw new Error(`login failed: ${response.status()} ${await response.text()}`);
}

/**
 * Reads a value until it is the expected one (the page loads and re-renders on its own time), and
 * returns the last value read, so the test asserts it: a timeout shows what the page showed.
 */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** The trimmed text of an element, once it is there. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

/** The headline card with this label (Clicks, Profile views, Unique visitors, Profile CTR, Bot hits filtered). */
export function statCard(page: Page, label: string): Locator {
  return page.locator('.stat').filter({ has: page.locator('.label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
}

/** The numbers one headline card shows: value, previous period, change (as the badge describes it to screen readers). */
export async function card(
  page: Page,
  label: string,
): Promise<{ value: string; previous: string | null; change: string | null }> {
  const c = statCard(page, label);
  const value = await textOf(c.locator('.value'));
  const previous = (await c.locator('.prev').count()) ? await textOf(c.locator('.prev')) : null;
  const change = (await c.locator('.change').count()) ? await c.locator('.change').getAttribute('title') : null;
  return { value, previous, change };
}

/** Reads a card once the page shows the expected value (loading is asynchronous), for the test to assert. */
export function cardWhen(page: Page, label: string, expected: Partial<Awaited<ReturnType<typeof card>>>) {
  return until(
    async () => {
      await settled(page);
      return card(page, label);
    },
    (c) => Object.entries(expected).every(([k, v]) => c[k as keyof typeof c] === v),
  );
}

/** An analytics panel by its heading (Top links, Sources, Locations, Devices). */
export function panel(page: Page, title: string): Locator {
  return page.locator('section.panel').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** What the page functions below use of the page's globals (this project compiles without the DOM's types). */
declare const document: {
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): { length: number };
  fonts: { ready: Promise<unknown> };
  documentElement: { scrollHeight: number };
};

/**
 * Waits until every panel of the page has its data: no skeletons, nothing busy, web fonts in.
 * (Not `networkidle`: the live counter's event stream stays open.)
 */
export async function settled(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main, .auth') !== null && document.querySelectorAll('.skeleton, [aria-busy="true"]').length === 0,
    undefined,
    {
      timeout: timeoutMs,
      polling: 100,
    },
  );
  await page.evaluate(() => document.fonts.ready.then(() => true));
}

/**
 * A screenshot of the whole page (or its top `height` pixels) as a screen that tall would show it.
 * Playwright's `fullPage` keeps fixed elements where the viewport had them (the phone tab bar
 * would sit mid-page), so the viewport itself is made as tall as the page, then put back.
 */
export async function wholePage(page: Page, path: string, height?: number): Promise<void> {
  const viewport = page.viewportSize()!;
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.ceil(height ?? Math.max(full, viewport.height)) });
  await settled(page);
  try {
    await page.screenshot({ path, animations: 'disabled' });
  } finally {
    await page.setViewportSize(viewport);
  }
}
