import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { card, cardWhen, settled, textOf, until } from './support/browser.js';
import { AGENTS, apiCreator, click, createLink, visit, waitForLiveSubscription } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * What gets in the way of a creator who opens the dashboard every day (issue #14): each test is
 * one of those things, done in Chromium against the real API and worker.
 */
const suite = dashboardSuite();
const IG = { userAgent: AGENTS.iphoneInstagram, referer: 'https://l.instagram.com/', ip: '85.214.132.117' };

/** Makes the page believe its tab is hidden or seen again, as the browser does when the creator switches tabs. */
function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate(`(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
}

/** Overview requests of the headline cards (the live counter's own, over 30 minutes, ask for no comparison). */
function countCardRequests(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/v1/analytics/overview' && url.searchParams.has('compare')) seen.count += 1;
  });
  return seen;
}

describe('the everyday dashboard', () => {
  it('Reports: a range preset only changes the range; only "Generate PDF" queues a report', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/reports`);
    await page.getByText('No reports yet').waitFor();

    for (const preset of ['30d', '90d']) {
      await page.getByRole('button', { name: preset, exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('range') === preset);
    }
    await page.getByRole('button', { name: 'Generate PDF' }).click();
    await page.locator('table tbody tr').first().waitFor();

    const reports = (await creator.client.get('/api/v1/reports')).body.items;
    expect(reports).toHaveLength(1);
    // the one report covers the range chosen last: 90 calendar days
    const days = (Date.parse(reports[0].to) - Date.parse(reports[0].from)) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90.05);
  }, 60_000);

  it('Links: archiving says what it means for printed QR codes, and Undo brings the link back', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/merch', title: 'Merch' });
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('button', { name: `Archive /${link.slug}` }).click();

    const toast = page.locator('.toast', { hasText: 'archived' });
    expect(await textOf(toast.locator('span'))).toBe(
      `/${link.slug} archived: the link and every QR code printed for it now show "not found".`,
    );
    expect(await page.locator('li.link-row').count()).toBe(0);
    expect((await visit(suite.stack.base, `/${link.slug}`, IG)).status).toBe(404);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.locator('li.link-row', { hasText: 'Merch' }).waitFor();
    await page.locator('.toast', { hasText: `/${link.slug} restored: it redirects again.` }).waitFor();
    expect((await creator.client.get('/api/v1/links')).body.items.map((l: { id: string }) => l.id)).toEqual([link.id]);
    expect((await visit(suite.stack.base, `/${link.slug}`, IG)).status).toBe(302);
  }, 60_000);

  it('Overview: a click shows in the headline card without a reload or a flicker, and not while the tab is hidden', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/spring', title: 'Spring drop' });
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/`);
    await page.locator('.live .status.live').waitFor();
    await waitForLiveSubscription(creator.id);
    expect(await cardWhen(page, 'Clicks', { value: '0' })).toMatchObject({ value: '0' });
    // from here on, any loading state in a card (skeleton, dimmed "stale" numbers, busy) is a flicker
    await page.evaluate(`(() => {
      window.__flicker = [];
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('.stat .skeleton, .stat.stale, .cards [aria-busy="true"]')) window.__flicker.push(el.className);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);

    await click(suite.stack.base, link.slug, IG);
    expect(
      (
        await until(
          () => card(page, 'Clicks'),
          (c) => c.value === '1',
          15_000,
        )
      ).value,
    ).toBe('1');
    expect(await page.evaluate('window.__flicker')).toEqual([]);

    // a background tab loads nothing: the live stream still counts, the cards wait to be seen
    const cardRequests = countCardRequests(page);
    await setTabHidden(page, true);
    await click(suite.stack.base, link.slug, { ...IG, ip: '81.2.69.142' });
    expect(
      await until(
        () => textOf(page.locator('.live .count')),
        (v) => v === '2',
        15_000,
      ),
    ).toBe('2');
    // the one deliberate wait, for something not to happen: a visible tab would have refreshed 1.5 s after the click
    await page.waitForTimeout(3_000); // duration: twice the refresh-after-activity delay, the window a hidden tab stays quiet
    expect(cardRequests.count).toBe(0);
    expect((await card(page, 'Clicks')).value).toBe('1');

    await setTabHidden(page, false);
    expect(
      (
        await until(
          () => card(page, 'Clicks'),
          (c) => c.value === '2',
          15_000,
        )
      ).value,
    ).toBe('2');
    expect(cardRequests.count).toBe(1);
    expect(await page.evaluate('window.__flicker')).toEqual([]);
  }, 90_000);

  it('New link: the first field has the focus, Tab stays in the dialog, Enter submits, Escape closes', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('button', { name: 'New link' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New link' });
    await dialog.waitFor();
    const focused = () =>
      page.evaluate(
        `document.activeElement.id || document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()`,
      );
    expect(await focused()).toBe('link-url');

    // Tab past the last control comes back to the first (the close button), Shift+Tab the other way round
    await dialog.getByRole('button', { name: 'Create link' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Close');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Create link');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('li.link-row').count()).toBe(0);

    // again, and Enter in the address field creates the link (the address completed with https://)
    await page.getByRole('button', { name: 'New link' }).first().click();
    await dialog.waitFor();
    await page.keyboard.type('instagram.com/maya.makes');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('li.link-row');
    await row.waitFor();
    expect(await textOf(row.locator('.dest'))).toBe('https://instagram.com/maya.makes');
  }, 60_000);

  it('New link: an error from the API shows under its field in plain words, and goes once the field changes', async () => {
    const creator = await apiCreator(suite.stack.base);
    await createLink(creator, { url: 'https://shop.example.com', slug: 'merch' });
    const { page, console: watch } = await suite.signedIn(creator);
    watch.expectFailedRequest('/api/v1/links', 409);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('button', { name: 'New link' }).first().click();
    // the whole prefix of the short link is in view, not cut off
    const prefix = page.locator('.slug .base');
    expect(await textOf(prefix)).toBe(new URL(suite.stack.base).host + '/');
    expect(await prefix.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    await page.getByLabel('Destination URL').fill('https://shop.example.com/tees');
    await page.getByRole('textbox', { name: 'Short link' }).fill('merch');
    await page.getByRole('button', { name: 'Create link' }).click();
    const message = page.locator('#link-slug-msg');
    expect(
      await until(
        () => textOf(message),
        (t) => t.includes('taken'),
      ),
    ).toBe('“merch” is already taken. Try another.');
    expect(await page.getByRole('textbox', { name: 'Short link' }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.form-error').count()).toBe(0);

    await page.getByRole('textbox', { name: 'Short link' }).fill('merch-tees');
    expect(await textOf(message)).toBe('Leave empty for a random 7-character slug.');
    expect(await page.getByRole('textbox', { name: 'Short link' }).getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.locator('li.link-row', { hasText: 'merch-tees' }).waitFor();
    await settled(page);
  }, 60_000);

  it('All time covers the account from its first day; a custom range over 400 days is refused before any request', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/all' });
    await click(suite.stack.base, link.slug, IG);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/`);
    await settled(page);
    const cardsAsked: string[] = [];
    page.on(
      'request',
      (r) => r.url().includes('/analytics/overview?') && r.url().includes('compare') && cardsAsked.push(r.url()),
    );
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === 'all');
    expect((await cardWhen(page, 'Clicks', { value: '1' })).value).toBe('1');
    // the account was made today: all time is today, from midnight in Berlin
    const from = new URL(cardsAsked[cardsAsked.length - 1]).searchParams.get('from')!;
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Europe/Berlin' });
    expect(new Date(from).toLocaleString('sv', { timeZone: 'Europe/Berlin' })).toBe(`${today} 00:00:00`);

    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.getByRole('button', { name: 'Custom' }).click();
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To (included)').fill('2025-06-30');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await textOf(page.locator('.custom .field-error'))).toBe(
      'A range can cover at most 400 days; this one has 547. Move the start or the end closer.',
    );
    expect(new URL(page.url()).searchParams.get('range')).toBe('all');
    expect(requests.filter((url) => url.includes('/analytics/'))).toEqual([]);
  }, 60_000);

  it('Live widget: a fresh click is "just now", the activity list opens over the page, no green dot when unavailable', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/live' });
    const { page, context, console: watch } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/`);
    await page.locator('.live .status.live').waitFor();
    await waitForLiveSubscription(creator.id);
    await click(suite.stack.base, link.slug, IG);
    await page.getByText('Latest activity').waitFor();
    const headBefore = (await page.locator('.page-head').boundingBox())!;
    await page.getByText('Latest activity').click();
    expect(await textOf(page.locator('.live time'))).toBe('just now');
    expect((await page.locator('.page-head').boundingBox())!.height).toBe(headBefore.height);
    expect(await page.locator('.live .activity').isVisible()).toBe(true);

    // the stream is up but the count cannot be had (its seeding request fails): no "live" green beside "unavailable"
    const refused = await context.newPage();
    await refused.route('**/api/v1/analytics/overview?**', (route) =>
      new URL(route.request().url()).searchParams.has('compare') ? route.continue() : route.fulfill({ status: 503, body: '' }),
    );
    watch.expectFailedRequest('/api/v1/analytics/overview', 503);
    await refused.goto(`${suite.stack.base}/app/`);
    await refused.locator('.live .what', { hasText: 'Live updates unavailable' }).waitFor();
    expect(await refused.locator('.live .status').getAttribute('class')).toMatch(/\boffline\b/);
    expect(await refused.locator('.live .status').getAttribute('title')).toBe('Live updates unavailable');
  }, 60_000);

  it('Chart: the day still being counted is drawn partial, and the legend says so', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/partial' });
    await click(suite.stack.base, link.slug, IG);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/?range=30d`);
    await settled(page);
    const chart = page.locator('.chart[role="img"]');
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Europe/Berlin' });
    const partial = await chart.getAttribute('data-partial-bucket');
    expect(new Date(partial!).toLocaleString('sv', { timeZone: 'Europe/Berlin' })).toBe(`${today} 00:00:00`);
    expect(await textOf(page.locator('.partial-key'))).toBe('So far (not over yet)');
    expect(await chart.getAttribute('aria-label')).toContain('The last day is not over yet');

    // a custom range of whole days that are over has no partial bucket
    await page.goto(`${suite.stack.base}/app/?range=custom&from=2026-01-05&to=2026-01-11`);
    await settled(page);
    expect(await chart.getAttribute('data-partial-bucket')).toBeNull();
    expect(await page.locator('.partial-key').count()).toBe(0);
  }, 60_000);

  it('Deleting the account ends on a page that says the account was deleted', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/settings`);
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await page.getByLabel(`Type ${creator.username} to confirm`).fill(creator.username);
    await page.getByLabel('Your password').fill(creator.password);
    await page.getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('heading', { name: 'Your account was deleted', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/account-deleted');
    expect((await creator.client.get('/api/v1/me')).status).toBe(401);
  }, 60_000);

  it('Profile: an uploaded photo is cropped square, shown in the preview and on the public page; a broken address shows the initial on both', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page, console } = await suite.signedIn(creator);
    await page.goto(`${suite.stack.base}/app/profile`);
    await page.getByLabel('Upload an image').setInputFiles('apps/api/src/profile/__fixtures__/avatar-40x30.png');
    await page.getByText('Avatar uploaded').waitFor();
    const uploaded = (await creator.client.get('/api/v1/profile')).body.avatarUrl as string;
    expect(uploaded).toMatch(/\/avatars\/[0-9a-f]{32}\.webp$/);
    expect(await page.getByLabel('Avatar image URL').inputValue()).toBe(uploaded);
    const previewImage = page.getByRole('region', { name: 'Preview of your public page' }).locator('img');
    const previewWidth = () =>
      previewImage.evaluate((img: { complete: boolean; naturalWidth: number; naturalHeight: number }) =>
        img.complete ? img.naturalWidth : -1,
      );
    expect(await until(previewWidth, (width) => width === 256)).toBe(256);

    const publicPage = await page.context().newPage();
    await publicPage.goto(`${suite.stack.base}/@${creator.username}`);
    expect(
      await publicPage
        .locator('.avatar img')
        .evaluate((img: { complete: boolean; naturalWidth: number; naturalHeight: number }) => [
          img.naturalWidth,
          img.naturalHeight,
        ]),
    ).toEqual([256, 256]);

    // port 9 is one Chromium never connects to: the address is broken without any network
    console.expectFailedRequest('/missing.png', 'ERR_UNSAFE_PORT'); // in the preview
    console.expectFailedRequest('/missing.png', 'ERR_UNSAFE_PORT'); // on the public page
    await page.getByLabel('Avatar image URL').fill('https://127.0.0.1:9/missing.png');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();
    await page
      .getByRole('region', { name: 'Preview of your public page' })
      .getByText(creator.username.slice(0, 1).toUpperCase(), { exact: true })
      .waitFor();
    await publicPage.reload();
    const publicWidth = () =>
      publicPage
        .locator('.avatar img')
        .evaluate((img: { complete: boolean; naturalWidth: number; naturalHeight: number }) =>
          img.complete ? img.naturalWidth : -1,
        );
    expect(await until(publicWidth, (width) => width !== -1)).toBe(0);
    expect(await textOf(publicPage.locator('.avatar'))).toBe(creator.username.slice(0, 1).toUpperCase());
    await publicPage.close();
  }, 60_000);
});
