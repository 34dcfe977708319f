import { describe, expect, it } from '@jest/globals';
import { textOf, until } from './support/browser.js';
import { AGENTS, apiCreator, click, createLink, waitForCounts } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/** The Links page over the link list API: 30-day clicks shown and sorted by, tags as filters, search. */
const suite = dashboardSuite();
const { signedIn } = suite;

const VISITOR = { userAgent: AGENTS.windowsChrome, referer: 'https://t.co/abc' };

describe('the Links page', () => {
  it('shows each link’s clicks, sorts by them, filters by a clicked tag and searches', async () => {
    const creator = await apiCreator(suite.stack.base);
    await createLink(creator, { url: 'https://example.com/quiet', title: 'Quiet page', tags: ['blog'] });
    const popular = await createLink(creator, { url: 'https://shop.example.com/sale', title: 'Sale', tags: ['shop'] });
    const some = await createLink(creator, { url: 'https://shop.example.com/new', title: 'New in', tags: ['shop'] });
    for (const ip of ['85.214.132.117', '81.2.69.142', '8.8.8.8'])
      await click(suite.stack.base, popular.slug, { ...VISITOR, ip });
    await click(suite.stack.base, some.slug, { ...VISITOR, ip: '1.1.1.1' });
    await waitForCounts(creator, { clicks: 4 });

    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('heading', { name: 'Links', level: 1 }).waitFor();
    await page.getByLabel('Sort').selectOption({ label: 'Most clicks (30 days)' });
    await page.waitForURL(/sort=clicks/);
    const rows = page.locator('li.link-row');
    const table = async () =>
      Promise.all(
        (await rows.all()).map(async (row) => [await textOf(row.locator('.title')), await textOf(row.locator('.clicks strong'))]),
      );
    // the list reloads after each change of the address: the rows once they are the expected ones
    const showing = (expected: string[][]) => until(table, (shown) => JSON.stringify(shown) === JSON.stringify(expected));
    const byClicks = [
      ['Sale', '3'],
      ['New in', '1'],
      ['Quiet page', '0'],
    ];
    expect(await showing(byClicks)).toEqual(byClicks);

    await rows.first().getByRole('button', { name: 'shop' }).click();
    await page.waitForURL(/tag=shop/);
    expect(await showing(byClicks.slice(0, 2))).toEqual(byClicks.slice(0, 2));
    await page.getByRole('button', { name: 'Show links with any tag' }).click();
    await page.getByLabel('Search links').fill('quiet');
    await page.waitForURL(/q=quiet/);
    expect(await showing(byClicks.slice(2))).toEqual(byClicks.slice(2));
  }, 90_000);

  it('bulk actions: tag and archive the selected links, then delete them for good after confirming', async () => {
    const creator = await apiCreator(suite.stack.base);
    const [a, b] = [
      await createLink(creator, { url: 'https://example.com/a', title: 'First' }),
      await createLink(creator, { url: 'https://example.com/b', title: 'Second' }),
    ];
    const kept = await createLink(creator, { url: 'https://example.com/c', title: 'Kept' });
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('heading', { name: 'Links', level: 1 }).waitFor();
    const select = async () => {
      for (const link of [a, b]) await page.getByLabel(`Select /${link.slug}`).check();
    };
    const bar = page.getByRole('region', { name: 'Selected links' });
    const linkOf = async (id: string) => (await creator.client.get(`/api/v1/links/${id}`)).body;

    await select();
    expect(await textOf(bar.locator('strong'))).toBe('2 selected');
    await bar.getByLabel('Tag to add').fill('Launch');
    await bar.getByRole('button', { name: 'Add tag' }).click();
    await page.getByText('2 links tagged “launch”.').waitFor();
    expect((await linkOf(a.id)).tags).toEqual(['launch']);
    expect((await linkOf(kept.id)).tags).toEqual([]);

    await select();
    await bar.getByRole('button', { name: 'Archive' }).click();
    await page.getByText('2 links archived.').waitFor();
    expect([(await linkOf(a.id)).archived, (await linkOf(b.id)).archived, (await linkOf(kept.id)).archived]).toEqual([
      true,
      true,
      false,
    ]);

    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    await page.waitForURL(/status=archived/);
    await select();
    await bar.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 links?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await creator.client.get(`/api/v1/links/${a.id}`)).status).toBe(200);
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete 2 links' }).click();
    await page.getByText('2 links deleted.').waitFor();
    expect((await creator.client.get(`/api/v1/links/${a.id}`)).status).toBe(404);
    expect((await creator.client.get(`/api/v1/links/${b.id}`)).status).toBe(404);
    expect((await creator.client.get(`/api/v1/links/${kept.id}`)).status).toBe(200);
  }, 90_000);
});
