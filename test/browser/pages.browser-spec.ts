import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { eventually } from '../support/stack.js';
import { DESKTOP, settled } from './support/browser.js';
import { AGENTS, apiCreator, click, createLink, type Creator } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * Every page as a creator sees it, on a 360 px phone and a desktop, light and dark: nothing
 * scrolls sideways on the phone, and axe-core finds no text below WCAG AA contrast and no
 * control without a label.
 */
const suite = dashboardSuite();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE_360 = { width: 360, height: 780 };
/** the axe rules this test holds every page to */
const RULES = ['color-contrast', 'label', 'select-name', 'button-name', 'link-name', 'aria-input-field-name'];

interface AxeViolation {
  id: string;
  nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core's findings for the rules above, one line per element, readable in a failed assertion. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'rule', values: ${JSON.stringify(RULES)} } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
  );
}

/** What scrolls sideways: the page itself, or a box inside it (a table that hides columns off to the side). */
function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const found = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push('the page scrolls ' + (root.scrollWidth - root.clientWidth) + ' px sideways');
    for (const el of document.querySelectorAll('main *')) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        found.push((el.className || el.tagName) + ' scrolls ' + (el.scrollWidth - el.clientWidth) + ' px sideways');
    }
    return found;
  })()`) as Promise<string[]>;
}

/** A creator with something on every page: a link clicked, a ready report, a schedule, an API token. */
async function creatorWithEverything(): Promise<{ creator: Creator; linkId: string }> {
  const creator = await apiCreator(suite.stack.base);
  const link = await createLink(creator, {
    url: 'https://shop.example.com/a-rather-long-path/to-a-spring-collection?utm_source=instagram',
    title: 'Spring collection with a long title that has to wrap',
    slug: `spring-collection-${Date.now() % 1e6}`,
    onProfile: true,
    tags: ['shop', 'spring'],
  });
  await click(suite.stack.base, link.slug, {
    userAgent: AGENTS.iphoneInstagram,
    referer: 'https://l.instagram.com/',
    ip: '85.214.132.117',
  });
  const now = Date.now();
  const report = await creator.client.post('/api/v1/reports', {
    from: new Date(now - 7 * 86_400_000).toISOString(),
    to: new Date(now).toISOString(),
    tz: 'Europe/Berlin',
  });
  expect(report.status).toBe(202);
  expect((await creator.client.post('/api/v1/report-schedules', { frequency: 'weekly', dayOfWeek: 1, hour: 8 })).status).toBe(
    201,
  );
  expect((await creator.client.post('/api/v1/tokens', { name: 'Zapier' })).status).toBe(201);
  await eventually(
    async () => (await creator.client.get('/api/v1/reports')).body.items.every((r: { status: string }) => r.status === 'ready'),
    60_000,
    'the report',
  );
  return { creator, linkId: link.id };
}

const PAGES: { path: (linkId: string) => string; heading: string }[] = [
  { path: () => '/app/', heading: 'Overview' },
  { path: () => '/app/links', heading: 'Links' },
  { path: (id) => `/app/links/${id}`, heading: 'Spring collection with a long title that has to wrap' },
  { path: () => '/app/profile', heading: 'Profile' },
  { path: () => '/app/reports', heading: 'Reports' },
  { path: () => '/app/settings', heading: 'Settings' },
];

describe('every page', () => {
  it('fits a 360 px phone and meets WCAG AA contrast with labelled controls, light and dark', async () => {
    const { creator, linkId } = await creatorWithEverything();
    const problems: Record<string, string[]> = {};
    // contrast follows the theme, layout the width: the phone in both themes, the desktop's own layout (sidebar) in one
    for (const [colorScheme, device, viewport] of [
      ['light', 'phone', PHONE_360],
      ['dark', 'phone', PHONE_360],
      ['dark', 'desktop', DESKTOP],
    ] as const) {
      const { page } = await suite.signedIn(creator, { viewport, colorScheme });
      for (const { path, heading } of PAGES) {
        await page.goto(suite.stack.base + path(linkId));
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await settled(page);
        const where = `${path(linkId)} ${device} ${colorScheme}`;
        const found = await accessibilityProblems(page);
        if (device === 'phone') found.push(...(await sidewaysScroll(page)));
        if (found.length) problems[where] = found;
      }
      const anonymous = await suite.newContext({ viewport, colorScheme });
      for (const [path, heading] of [
        ['/app/login', 'Welcome back'],
        ['/app/signup', 'Create your account'],
      ]) {
        await anonymous.page.goto(suite.stack.base + path);
        await anonymous.page.getByRole('heading', { name: heading }).waitFor();
        await settled(anonymous.page);
        const found = await accessibilityProblems(anonymous.page);
        if (device === 'phone') found.push(...(await sidewaysScroll(anonymous.page)));
        if (found.length) problems[`${path} ${device} ${colorScheme}`] = found;
      }
    }
    expect(problems).toEqual({});
  }, 360_000);
});
