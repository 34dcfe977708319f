import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ZoneClock } from '@app/analytics';
import type { AppConfig, CapturedConversion } from '@app/common';
import { ConversionStore, conversionId } from '@app/conversions';
import { type DirectStore, hitAt, openDirectStore } from '../support/direct-store.js';
import { DESKTOP, PHONE, panel, settled, textOf, until, wholePage } from './support/browser.js';
import { apiCreator, createLink, type Creator, DAY } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * The Journeys page and the segments on the overview, over visits stored at known instants: a
 * visit's steps read as a timeline, the top paths as a flow with a list a keyboard can walk, older
 * visits a page at a time. Screenshots go to docs/images with UPDATE_SCREENSHOTS=1.
 */
const OUT = resolve(
  process.env.SCREENSHOT_DIR ||
    (process.env.UPDATE_SCREENSHOTS ? 'docs/images' : mkdtempSync(join(tmpdir(), 'linkpulse-journeys-'))),
);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const berlin = ZoneClock.of('Europe/Berlin');

const suite = dashboardSuite();
let store: DirectStore;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  store = await openDirectStore();
});
afterAll(async () => {
  await store?.close();
});

type Step = 'view' | 'shop' | 'course' | 'news' | 'lead' | 'sale';
/** What the visits did, the most common first; each is repeated as often as its weight. */
const PATTERNS: [Step[], number, string][] = [
  [['view', 'shop'], 7, 'instagram'],
  [['view'], 6, 'tiktok'],
  [['view', 'shop', 'lead', 'sale'], 4, 'instagram'],
  [['view', 'course', 'lead'], 3, 'youtube'],
  [['shop'], 3, 'x'],
  [['view', 'news', 'shop', 'course'], 2, 'instagram'],
  [['news'], 1, 'google'],
];

let conversionKeys = 0;

/** Stores the pattern's visits spread over the last days, each its own visitor; the newest visit is a sale. */
async function storeVisits(creator: Creator, links: Record<'shop' | 'course' | 'news', string>): Promise<number> {
  const conversions = new ConversionStore(store.db, { attributionDays: 90 } as AppConfig);
  const today = berlin.startOf(Date.now(), 'day');
  let n = 0;
  const visits = PATTERNS.flatMap(([steps, weight, source]) => Array.from({ length: weight }, () => ({ steps, source })));
  // the converting visits first: the newest visit is one
  visits.sort((a, b) => Number(b.steps.includes('sale')) - Number(a.steps.includes('sale')));
  for (const { steps, source } of visits) {
    const start = today - Math.floor(n / 8) * DAY - (n % 8) * 2 * HOUR - HOUR;
    const visitorId = `journey-visitor-${n++}`;
    let lastClick: string | null = null;
    const customerId = `customer-${visitorId}`;
    let at = start;
    for (const step of steps) {
      at += 2 * MINUTE;
      if (step === 'lead' || step === 'sale') {
        const key = `journey-${process.pid}-${conversionKeys++}`;
        const conversion: CapturedConversion = {
          id: conversionId(creator.id, step, key, at),
          at,
          creatorId: creator.id,
          kind: step,
          dedupKey: key,
          eventName: step === 'lead' ? 'Sign up' : 'Course bundle',
          eventId: key,
          invoiceId: null,
          customerId,
          clickId: step === 'lead' ? lastClick : null,
          amount: step === 'sale' ? 4900 : null,
          currency: step === 'sale' ? 'EUR' : null,
          metadata: null,
        };
        await conversions.store([conversion]);
        continue;
      }
      const hit = hitAt(creator.id, at, {
        kind: step === 'view' ? 'view' : 'click',
        linkId: step === 'view' ? null : links[step],
        visitorId,
        source: step === 'view' ? source : 'profile',
        via: step === 'view' ? 'direct' : 'profile',
        browser: source === 'instagram' ? 'Instagram' : 'Safari',
      });
      await store.events.store([hit]);
      if (step !== 'view') lastClick = hit.id;
    }
  }
  return visits.length;
}

describe('the Journeys page', () => {
  it('says there is nothing yet, on the journeys page and the overview', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/journeys`);
    await settled(page);
    expect(await textOf(panel(page, 'Top paths'))).toContain('No visits in this range');
    expect(await textOf(panel(page, 'Visits'))).toContain('No visits yet');
    await page.goto(`${suite.stack.base}/app/`);
    await settled(page);
    expect(await textOf(panel(page, 'What visits did'))).toContain('No visits in this range');
  });

  it('shows a visit as a timeline, the top paths as a flow and a list, older visits on demand, and the segments', async () => {
    const creator = await apiCreator(suite.stack.base);
    const shop = await createLink(creator, { url: 'https://shop.example.com/', title: 'Shop', slug: `shop${Date.now() % 1e6}` });
    const course = await createLink(creator, {
      url: 'https://course.example.com/',
      title: 'Course',
      slug: `course${Date.now() % 1e6}`,
    });
    const news = await createLink(creator, {
      url: 'https://news.example.com/',
      title: 'Newsletter',
      slug: `news${Date.now() % 1e6}`,
    });
    const total = await storeVisits(creator, { shop: shop.id, course: course.id, news: news.id });

    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/journeys`);
    await settled(page);

    // the newest visit: its steps in order, the sale with its amount
    const first = page.locator('article.visit').first();
    const steps = await first.locator('ol.steps li .what').allTextContents();
    expect(steps.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      'Viewed your profile',
      `Clicked Shop (/${shop.slug})`,
      'Lead: Sign up',
      'Sale: Course bundle €49.00',
    ]);
    expect(await textOf(first.locator('header'))).toContain('Converted');

    // the paths: the flow has a node per step, the list the most common path first, with its count
    const paths = panel(page, 'Top paths');
    expect(await textOf(paths)).toContain(`${total} visits in this range`);
    expect(await paths.locator('svg rect.node').count()).toBeGreaterThan(4);
    const rows = paths.locator('ol.paths button.row');
    expect((await textOf(rows.first())).replace(/\s+/g, '')).toContain(`Profileview→thenShop(/${shop.slug})7`);

    await wholePage(page, join(OUT, 'dashboard-journeys-desktop.png'));

    // keyboard: Tab reaches a path, Enter pins it in the chart
    await rows.first().focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await rows.nth(1).getAttribute('aria-pressed')).toBe('true');
    expect(await paths.locator('svg g.dim').count()).toBeGreaterThan(0);

    // 20 visits a page: the rest after "Show older visits"
    expect(await page.locator('article.visit').count()).toBe(20);
    await page.getByRole('button', { name: 'Show older visits' }).click();
    await until(
      () => page.locator('article.visit').count(),
      (count) => count === total,
    );
    expect(await page.getByRole('button', { name: 'Show older visits' }).count()).toBe(0);

    // the overview: visits by how far they went, adding up
    await page.goto(`${suite.stack.base}/app/`);
    await settled(page);
    const segments = panel(page, 'What visits did');
    const text = (await textOf(segments)).replace(/\s+/g, ' ');
    expect(text).toContain(`Viewed only 6 23% of ${total}`);
    expect(text).toContain(`Converted 7 27% of ${total}`);
    await segments.screenshot({ path: join(OUT, 'dashboard-segments-desktop.png'), animations: 'disabled' });

    for (const [name, viewport, colorScheme] of [
      ['desktop-dark', DESKTOP, 'dark'],
      ['phone', PHONE, 'light'],
      ['phone-dark', PHONE, 'dark'],
    ] as const) {
      const other = await suite.signedIn(creator, { viewport, colorScheme });
      await other.page.goto(`${suite.stack.base}/app/journeys`);
      await settled(other.page);
      await wholePage(other.page, join(OUT, `dashboard-journeys-${name}.png`));
    }
  }, 120_000);
});
