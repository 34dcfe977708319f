import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PHONE, textOf, wholePage } from './support/browser.js';
import { apiCreator } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/** Importing a Bitly export from the Links page: progress, then the per-row report. */
const suite = dashboardSuite();
const { signedIn } = suite;
const BITLY_CSV = resolve('test/fixtures/imports/bitly.csv');
// a test run must not rewrite committed files: the docs' images are refreshed with UPDATE_SCREENSHOTS=1
const OUT = process.env.UPDATE_SCREENSHOTS ? 'docs/images' : mkdtempSync(join(tmpdir(), 'linkpulse-screens-'));

describe('importing links', () => {
  it('imports a Bitly CSV from the Links page and shows what became of each row', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await signedIn(creator);
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByText('No links yet').waitFor();
    await page.getByRole('button', { name: 'Import links' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import links' });
    await dialog.getByLabel('CSV file').setInputFiles(BITLY_CSV);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('3 imported').waitFor();
    expect(await textOf(dialog.locator('.count-skip'))).toBe('4 skipped');
    const rows = dialog.locator('tbody tr');
    const report = async () =>
      Promise.all((await rows.all()).map(async (row) => (await row.locator('td').allInnerTexts()).map((t) => t.trim())));
    expect(await report()).toEqual([
      ['4', '/2ZqWe8T', 'Unsafe URL', 'a javascript: target is never imported'],
      ['5', '/admin', 'Reserved word', '"admin" is a reserved word here'],
      ['6', '/3Kx9QmA', 'Twice in file', 'line 2 of the file has the same slug'],
      ['7', '/5hNn7Ws', 'Bad URL', 'url must be an absolute http or https URL, such as https://example.com/page'],
    ]);
    await wholePage(page, join(OUT, 'dashboard-import-report-desktop.png'));
    await dialog.getByLabel('Show imported rows too').check();
    expect(await rows.count()).toBe(7);
    await dialog.getByRole('button', { name: 'Done' }).click();
    // the list behind it reloaded with the imported links
    await page.locator('li.link-row').nth(2).waitFor();
    expect(await page.locator('li.link-row').count()).toBe(3);
    await wholePage(page, join(OUT, 'dashboard-links-imported-desktop.png'));

    // the same file again adds nothing: every row says why
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByLabel('CSV file').setInputFiles(BITLY_CSV);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('0 imported').waitFor();
    expect(await textOf(dialog.locator('.count-skip'))).toBe('7 skipped');
    expect(await rows.locator('td:nth-child(3)').allInnerTexts()).toEqual([
      'Already here',
      'Already here',
      'Unsafe URL',
      'Reserved word',
      'Twice in file',
      'Bad URL',
      'Already here',
    ]);
  }, 90_000);

  it('fits a phone, in the dark theme; slugs another creator holds are reported as taken', async () => {
    const creator = await apiCreator(suite.stack.base);
    const { page } = await signedIn(creator, { viewport: PHONE, colorScheme: 'dark' });
    await page.goto(`${suite.stack.base}/app/links`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import links' });
    await dialog.getByLabel('CSV file').setInputFiles(BITLY_CSV);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    // the first test's creator holds these slugs now
    await dialog.getByText('0 imported').waitFor();
    expect(await dialog.locator('tbody tr').first().locator('td').nth(2).innerText()).toBe('Slug taken');
    await page.screenshot({ path: join(OUT, 'dashboard-import-report-phone-dark.png'), animations: 'disabled' });
    // the report fits the dialog: nothing scrolls sideways
    expect(await dialog.locator('.table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }, 90_000);
});
