import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';
import { cardWhen, panel, textOf, until } from './support/browser.js';
import {
  AGENTS,
  apiCreator,
  backdate,
  click,
  createLink,
  type Creator,
  DAY,
  visit,
  waitForCounts,
  waitForLiveSubscription,
} from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * The dashboard in Chromium against the real API and worker (fresh database): what a creator does
 * on a first morning. Each test makes its own creator, so any one can run alone; every test fails
 * on a console error or an uncaught exception in any of its pages.
 */
const suite = dashboardSuite();
const { newContext, signedIn } = suite;

const IG = { userAgent: AGENTS.iphoneInstagram, referer: 'https://l.instagram.com/' };
const TIKTOK = { userAgent: AGENTS.androidTikTok, referer: 'https://www.tiktok.com/' };

/**
 * A creator with one link and traffic whose every number is known:
 *   now: 2 clicks from Instagram (two people), 1 from TikTok — real redirects through the worker —
 *        and 3 views of the profile page from TikTok (TikTok has more hits, Instagram more clicks);
 *   10 days ago: 1 click from Instagram (last week's "previous period" of the 7-day view);
 *   40 days ago: 2 clicks from X (the previous period of the 30-day view).
 */
async function creatorWithTraffic(): Promise<{ creator: Creator; link: { id: string; slug: string } }> {
  const creator = await apiCreator(suite.stack.base);
  const link = await createLink(creator, { url: 'https://shop.example.com/spring', title: 'Spring drop' });
  await click(suite.stack.base, link.slug, { ...IG, ip: '85.214.132.117' });
  await click(suite.stack.base, link.slug, { ...IG, ip: '81.2.69.142' });
  await click(suite.stack.base, link.slug, { ...TIKTOK, ip: '8.8.8.8' });
  for (const ip of ['8.8.8.8', '52.95.110.1', '104.16.0.1'])
    expect((await visit(suite.stack.base, `/@${creator.username}`, { ...TIKTOK, ip })).status).toBe(200);
  const base = { kind: 'click' as const, creatorId: creator.id, linkId: link.id };
  await backdate(suite.stack.worker, [
    {
      ...base,
      at: Date.now() - 10 * DAY,
      userAgent: AGENTS.iphoneInstagram,
      referer: 'https://l.instagram.com/',
      ip: '62.210.0.1',
    },
    { ...base, at: Date.now() - 40 * DAY, userAgent: AGENTS.windowsChrome, referer: 'https://t.co/abc', ip: '8.8.8.8' },
    { ...base, at: Date.now() - 40 * DAY + 3_600_000, userAgent: AGENTS.macSafari, referer: 'https://t.co/abc', ip: '1.1.1.1' },
  ]);
  await waitForCounts(creator, { clicks: 3, views: 3 });
  return { creator, link };
}

describe('the dashboard in a browser', () => {
  it('sign up and create a link through the UI; a click on it shows on the live counter and the overview', async () => {
    const { page } = await newContext();
    const username = `ui_${process.pid}_${Date.now() % 1e6}`;

    await page.goto(`${suite.stack.base}/app/signup`);
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/');
    // a new account starts empty, and says what to do first
    await page.getByRole('heading', { name: 'Create your first link' }).waitFor();
    expect(await cardWhen(page, 'Clicks', { value: '0' })).toMatchObject({ value: '0' });

    await page.getByRole('link', { name: 'Links' }).first().click();
    await page.getByRole('heading', { name: 'Links', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New link' }).first().click();
    await page.getByLabel('Destination URL').fill('https://example.com/landing');
    await page.getByRole('button', { name: 'UTM builder' }).click();
    await page.getByRole('button', { name: /Instagram/ }).click();
    await page.getByLabel('Title (optional)').fill('My landing page');
    await page.getByRole('button', { name: 'Create link' }).click();
    const row = page.locator('li.link-row', { hasText: 'My landing page' });
    await row.waitFor();
    const shortUrl = await row.locator('a.short').getAttribute('href');
    const slug = new URL(shortUrl!).pathname.slice(1);
    expect(slug).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await textOf(row.locator('.dest'))).toBe('https://example.com/landing?utm_source=instagram&utm_medium=social');

    // the overview, with the live counter connected and at zero before the click
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.locator('.live .status.live').waitFor();
    const me = await (await page.request.get(`${suite.stack.base}/api/v1/me`)).json();
    await waitForLiveSubscription(me.id);
    const live = page.locator('.live .count');
    expect(
      await until(
        () => textOf(live),
        (v) => v === '0',
      ),
    ).toBe('0');
    expect(await cardWhen(page, 'Clicks', { value: '0' })).toMatchObject({ value: '0' });

    // someone taps the link in their Instagram bio
    await click(suite.stack.base, slug, { ...IG, ip: '85.214.132.117' });

    // the live counter counts it without a reload…
    expect(
      await until(
        () => textOf(live),
        (v) => v === '1',
        15_000,
      ),
    ).toBe('1');
    expect(await textOf(page.locator('.live .what'))).toMatch(/^click\b.*in the last 30 min/);
    // …and the whole overview has it on the next load
    await page.reload();
    expect(await cardWhen(page, 'Clicks', { value: '1' })).toEqual({
      value: '1',
      previous: 'vs 0',
      change: 'Previous period: 0',
    });
    expect((await cardWhen(page, 'Unique visitors', { value: '1' })).value).toBe('1');
    expect(await textOf(panel(page, 'Top links').locator('li .count'))).toBe('1');
    expect(await textOf(panel(page, 'Top links').locator('li .label'))).toContain('My landing page');
    expect(await textOf(panel(page, 'Sources').locator('li .label'))).toBe('Instagram');
    expect(await textOf(panel(page, 'Locations').locator('li .label'))).toContain('Germany');
    expect(await page.getByRole('heading', { name: 'Create your first link' }).count()).toBe(0);
  }, 120_000);

  it('log in: a wrong password says so, the right one returns to the page asked for', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page, console: watch } = await newContext();
    // deliberate 401s: the anonymous visit asks who is signed in, and the wrong password is refused
    watch.expectFailedRequest('/api/v1/me', 401);
    watch.expectFailedRequest('/api/v1/auth/login', 401);

    await page.goto(`${suite.stack.base}/app/links`);
    await page.waitForURL(/\/app\/login\?next=%2Flinks$/);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await textOf(page.getByRole('alert'))).toBe('That email and password do not match an account.');

    await page.getByLabel('Password').fill(creator.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Links', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/links');
  }, 60_000);

  it('range and comparison: the URL holds the view, the cards follow it', async () => {
    const { creator } = await creatorWithTraffic();
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/`);

    // the default view: last 7 days against the 7 before
    expect(await page.getByRole('button', { name: '7d' }).getAttribute('aria-pressed')).toBe('true');
    expect(await cardWhen(page, 'Clicks', { value: '3' })).toEqual({
      value: '3',
      previous: 'vs 1',
      change: 'Up 200% from 1 in the previous period',
    });
    const label7 = await textOf(page.locator('.label-range'));

    await page.getByRole('button', { name: '30d' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === '30d');
    expect(await cardWhen(page, 'Clicks', { value: '4' })).toEqual({
      value: '4',
      previous: 'vs 2',
      change: 'Up 100% from 2 in the previous period',
    });
    expect(await page.getByRole('button', { name: '30d' }).getAttribute('aria-pressed')).toBe('true');
    expect(await textOf(page.locator('.label-range'))).not.toBe(label7);
    // the chart has a point per day of the 30 (a line for now and a dashed one for the previous period)
    expect(await page.locator('.u-wrap canvas').count()).toBeGreaterThan(0);

    await page.getByRole('switch', { name: /Compare/ }).uncheck({ force: true });
    await page.waitForURL((url) => url.searchParams.get('compare') === 'off');
    expect(await cardWhen(page, 'Clicks', { previous: null })).toEqual({ value: '4', previous: null, change: null });
    expect(new URL(page.url()).searchParams.get('range')).toBe('30d');

    // the URL is the view: opened afresh (a bookmark, a shared link) it shows the same
    const bookmarked = page.url();
    const second = await page.context().newPage();
    await second.goto(bookmarked);
    expect(await cardWhen(second, 'Clicks', { value: '4' })).toEqual({ value: '4', previous: null, change: null });
    expect(await second.getByRole('switch', { name: /Compare/ }).isChecked()).toBe(false);

    // back to 7 days with the comparison on again
    await page.getByRole('button', { name: '7d' }).click();
    await page.getByRole('switch', { name: /Compare/ }).check({ force: true });
    await page.waitForURL((url) => url.searchParams.get('range') !== '30d' && url.searchParams.get('compare') !== 'off');
    expect(await cardWhen(page, 'Clicks', { value: '3', previous: 'vs 1' })).toMatchObject({ value: '3', previous: 'vs 1' });
  }, 120_000);

  it('drill-down: a source row filters the whole page, the chip removes the filter', async () => {
    const { creator } = await creatorWithTraffic();
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/`);
    const sources = panel(page, 'Sources');
    expect(await cardWhen(page, 'Clicks', { value: '3' })).toMatchObject({ value: '3' });
    const rows = async () =>
      sources
        .locator('li')
        .evaluateAll((items) =>
          items.map((li) => [li.querySelector('.label')!.textContent!.trim(), li.querySelector('.count')!.textContent!.trim()]),
        );
    expect(await rows()).toEqual([
      ['Instagram', '2'],
      ['TikTok', '1'],
    ]);

    await sources.getByRole('button', { name: /Instagram/ }).click();
    await page.waitForURL((url) => url.searchParams.get('source') === 'instagram');
    const chips = page.getByRole('group', { name: 'Active filters' });
    await chips.waitFor();
    expect((await textOf(chips)).replace(/\s+/g, ' ')).toBe('Filtered by Source Instagram');
    expect(await cardWhen(page, 'Clicks', { value: '2' })).toEqual({
      value: '2',
      previous: 'vs 1',
      change: 'Up 100% from 1 in the previous period',
    });
    expect(await until(rows, (r) => r.length === 1)).toEqual([['Instagram', '2']]);
    expect(await sources.getByRole('button', { name: /Instagram/ }).isDisabled()).toBe(true);
    expect(await textOf(panel(page, 'Top links').locator('li .count'))).toBe('2');
    // the two Instagram clicks came from Germany and the UK; TikTok's (the US) is filtered out
    const countries = await until(
      () => panel(page, 'Locations').locator('li .label').allInnerTexts(),
      (c) => c.length === 2,
    );
    expect(countries).toEqual(
      expect.arrayContaining([expect.stringContaining('Germany'), expect.stringContaining('United Kingdom')]),
    );

    await chips.getByRole('button', { name: 'Remove filter Source: instagram' }).click();
    await page.waitForURL((url) => !url.searchParams.has('source'));
    expect(await chips.count()).toBe(0);
    expect(await cardWhen(page, 'Clicks', { value: '3' })).toMatchObject({ value: '3', previous: 'vs 1' });
    expect(await until(rows, (r) => r.length === 2)).toEqual([
      ['Instagram', '2'],
      ['TikTok', '1'],
    ]);
  }, 120_000);

  it('profile editor: a new title shows in the preview while typing and on the public page once saved', async () => {
    const creator = await apiCreator(suite.stack.base);
    await createLink(creator, { url: 'https://shop.example.com', title: 'My shop', onProfile: true });
    const { page, context } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/profile`);
    const preview = page.getByRole('region', { name: 'Preview of your public page' });
    await preview.waitFor();
    // a new profile is titled with the username
    expect(await textOf(preview.locator('.name'))).toBe(creator.username);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(creator.username);

    const title = `Studio ${Date.now() % 1e6}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Bio').fill('Ceramics and wheel-throwing videos.');
    expect(await textOf(preview.locator('.name'))).toBe(title);
    expect(await textOf(preview.locator('.bio'))).toBe('Ceramics and wheel-throwing videos.');
    expect(await preview.locator('.btn-like').allInnerTexts()).toEqual(['My shop']);

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();

    const response = await fetch(`${suite.stack.base}/@${creator.username}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`<title>${title} (@${creator.username})</title>`);
    // and as a visitor's browser shows it
    const visitor = await publicPage(context, `/@${creator.username}`);
    expect(await textOf(visitor.getByRole('heading', { level: 1 }))).toBe(title);
    expect(await visitor.getByText('Ceramics and wheel-throwing videos.').count()).toBe(1);
    expect(await textOf(visitor.getByRole('link', { name: 'My shop' }))).toBe('My shop');
  }, 90_000);

  it('QR code: the dialog shows it, PNG download is a PNG named after the link', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://example.com/menu', title: 'Menu', slug: `menu${Date.now() % 1e6}` });
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('button', { name: `QR code for /${link.slug}` }).click();
    const dialog = page.getByRole('dialog', { name: `QR code for /${link.slug}` });
    await dialog.waitFor();
    const image = dialog.getByRole('img', { name: /^QR code that opens/ });
    expect(
      await until(
        () => image.evaluate((img: { complete: boolean; naturalWidth: number }) => (img.complete ? img.naturalWidth : 0)),
        (w) => Number(w) > 0,
      ),
    ).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'PNG' }).click()]);
    expect(download.suggestedFilename()).toBe(`${link.slug}-qr.png`);
    const png = await readFile((await download.path())!);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(200);
  }, 60_000);
});

/** A page of the context that is not the dashboard (the public profile). */
async function publicPage(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const response = await page.goto(suite.stack.base + path);
  expect(response?.status()).toBe(200);
  return page;
}
