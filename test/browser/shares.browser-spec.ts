import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { cardWhen, panel, PHONE, textOf, wholePage } from './support/browser.js';
import { AGENTS, apiCreator, click, createLink, waitForCounts } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/** Shared dashboards: made from the dashboard, opened signed out, with a password. */
const suite = dashboardSuite();
const { signedIn, newContext } = suite;
// a test run must not rewrite committed files: the docs' images are refreshed with UPDATE_SCREENSHOTS=1
const OUT = process.env.UPDATE_SCREENSHOTS ? 'docs/images' : mkdtempSync(join(tmpdir(), 'linkpulse-screens-'));
const VISITOR = { userAgent: AGENTS.windowsChrome, referer: 'https://www.instagram.com/' };

describe('shared dashboards', () => {
  it("a creator shares one link's analytics with a password; signed out, the sponsor sees that link only", async () => {
    const creator = await apiCreator(suite.stack.base);
    const sponsored = await createLink(creator, { url: 'https://shop.example.com/sponsored', title: 'Sponsored post' });
    const other = await createLink(creator, { url: 'https://shop.example.com/private', title: 'Not for the sponsor' });
    for (const ip of ['85.214.132.117', '81.2.69.142', '8.8.8.8'])
      await click(suite.stack.base, sponsored.slug, { ...VISITOR, ip });
    await click(suite.stack.base, other.slug, { ...VISITOR, ip: '1.1.1.1' });
    await waitForCounts(creator, { clicks: 4 });

    // the creator makes the share on the link's page
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links/${sponsored.id}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: "Share this link's analytics" });
    await dialog.getByLabel('Password (optional)').fill('for the sponsor');
    await dialog.getByRole('button', { name: 'Create share link' }).click();
    const address = dialog.getByRole('list', { name: 'Share links' }).getByRole('link');
    await address.waitFor();
    const url = await textOf(address);
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{24}$/);
    await page.screenshot({ path: join(OUT, 'dashboard-share-dialog-desktop.png'), animations: 'disabled' });

    // signed out: the password first, then the link's numbers and nothing of the other link
    const visitor = await newContext();
    const shared = visitor.page;
    visitor.console.expectFailedRequest('/unlock', 401);
    await shared.goto(`${suite.stack.base}/share/${url.split('/share/')[1]}`);
    await shared.getByRole('heading', { name: 'Password required' }).waitFor();
    await shared.getByLabel('Password').fill('wrong password');
    await shared.getByRole('button', { name: 'Open dashboard' }).click();
    await shared.getByText('Wrong password').waitFor();
    await shared.getByLabel('Password').fill('for the sponsor');
    await shared.getByRole('button', { name: 'Open dashboard' }).click();
    await shared.getByRole('heading', { name: 'Sponsored post', level: 1 }).waitFor();
    expect((await cardWhen(shared, 'Clicks', { value: '3' })).value).toBe('3');
    expect(await shared.locator('body').innerText()).not.toContain(other.slug);
    expect(await shared.getByRole('link', { name: /Export CSV/ }).count()).toBe(0);
    expect(await textOf(panel(shared, 'Sources'))).toContain('Instagram');
    await wholePage(shared, join(OUT, 'shared-dashboard-link-desktop.png'));
  }, 120_000);

  it('a share of all analytics opens at once signed out, fits a phone, and a revoked one says it is gone', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://example.com/all', title: 'Everything' });
    await click(suite.stack.base, link.slug, { ...VISITOR, ip: '85.214.132.117' });
    await waitForCounts(creator, { clicks: 1 });
    const made = (await creator.client.post('/api/v1/shares', {})).body as { id: string; url: string };
    const { page, console } = await newContext({ viewport: PHONE, colorScheme: 'dark' });
    await page.goto(`${suite.stack.base}/share/${made.url.split('/share/')[1]}`);
    await page.getByRole('heading', { name: `@${creator.username}`, level: 1 }).waitFor();
    expect((await cardWhen(page, 'Clicks', { value: '1' })).value).toBe('1');
    // a link of the top links is not a way into the creator's pages
    expect(await panel(page, 'Top links').getByRole('link').count()).toBe(0);
    await wholePage(page, join(OUT, 'shared-dashboard-phone-dark.png'), 1600);

    expect((await creator.client.delete(`/api/v1/shares/${made.id}`)).status).toBe(204);
    console.expectFailedRequest('/api/v1/shared/', 404);
    await page.reload();
    await page.getByRole('heading', { name: 'This shared dashboard is not available' }).waitFor();
  }, 120_000);
});
