/**
 * A walk through the dashboard against a running API (no fixtures): sign up, create a link, click
 * it, see the click on the overview, change range and comparison, drill down by source, edit the
 * profile and see the public page change, download a QR code. Prints each step and any console
 * error or failed API request.
 *
 *   node web/scripts/walkthrough.mjs --base http://localhost:3000 [--out /tmp/linkpulse-walk]
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.indexOf(`--${n}`) >= 0 ? args[args.indexOf(`--${n}`) + 1] : d);
const BASE = opt('base', 'http://localhost:3000');
const OUT = opt('out', '/tmp/linkpulse-walk');
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await ctx.newPage();
const problems = [];
page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()} (${page.url()})`));
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('response', (r) => r.url().includes('/api/v1/') && r.status() >= 400 && problems.push(`${r.request().method()} ${r.url().replace(BASE, '')} → ${r.status()}`));

const step = async (name, fn) => {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    console.log(`FAIL ${name}: ${err.message.split('\n')[0]}`);
    problems.push(`step failed: ${name}`);
  }
  await page.screenshot({ path: `${OUT}/${name.replace(/\W+/g, '-')}.png`, fullPage: true });
};

const id = Date.now().toString(36);
const username = `walk_${id}`;
let shortUrl = '';

await step('sign up', async () => {
  await page.goto(`${BASE}/app/signup`);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('walkthrough-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
});

await step('create a link', async () => {
  await page.getByRole('link', { name: 'Links' }).first().click();
  await page.getByRole('button', { name: 'New link' }).first().click();
  await page.getByLabel('Destination URL').fill('https://example.com/landing');
  await page.getByRole('button', { name: 'UTM builder' }).click();
  await page.getByRole('button', { name: /Instagram/ }).click();
  await page.getByLabel('Title (optional)').fill('Walkthrough link');
  await page.getByRole('button', { name: 'Create link' }).click();
  await page.getByText('Walkthrough link').first().waitFor();
  shortUrl = await page.locator('a.short').first().getAttribute('href');
  if (!shortUrl) throw new Error('no short URL shown');
});

await step('click the link (as a phone from Instagram)', async () => {
  const res = await fetch(shortUrl.replace(/^https?:\/\/[^/]+/, BASE), {
    redirect: 'manual',
    headers: {
      'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 321.0.0.0',
      Referer: 'https://l.instagram.com/',
    },
  });
  if (res.status !== 302) throw new Error(`redirect answered ${res.status}`);
});

await step('see the click on the overview', async () => {
  await page.getByRole('link', { name: 'Overview' }).first().click();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await page.locator('.stat .value').first().innerText({ timeout: 10_000 });
    if (value.trim() === '1') break;
    if (Date.now() > deadline) throw new Error(`clicks card still says ${value}`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
});

await step('change range and comparison', async () => {
  await page.getByRole('button', { name: '30d' }).click();
  await page.waitForURL(/range=30d/);
  await page.getByRole('switch').uncheck({ force: true });
  await page.waitForURL(/compare=off/);
});

await step('drill down by source', async () => {
  await page.locator('section', { hasText: 'Sources' }).getByRole('button', { name: /Instagram/ }).first().click();
  await page.waitForURL(/source=instagram/);
  await page.getByRole('group', { name: 'Active filters' }).waitFor();
});

await step('edit the profile and see the public page change', async () => {
  await page.getByRole('link', { name: 'Profile' }).first().click();
  await page.getByLabel('Title').fill(`Walk ${id}`);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Profile saved').waitFor();
  const html = await (await fetch(`${BASE}/@${username}`)).text();
  if (!html.includes(`Walk ${id}`)) throw new Error('public page does not show the new title');
});

await step('download a QR code', async () => {
  await page.getByRole('link', { name: 'Links' }).first().click();
  await page.getByRole('button', { name: /^QR code for/ }).first().click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PNG' }).click()]);
  const path = `${OUT}/qr.png`;
  await download.saveAs(path);
});

for (const [name, path] of [['reports', '/app/reports'], ['settings', '/app/settings'], ['link detail', null]]) {
  await step(`open ${name}`, async () => {
    if (path) await page.goto(BASE + path);
    else {
      await page.goto(`${BASE}/app/links`);
      await page.getByRole('link', { name: 'Stats' }).first().click();
      await page.getByText('How people arrived').waitFor();
    }
    await page.waitForLoadState('networkidle');
  });
}

await browser.close();
console.log(problems.length ? `\nProblems:\n${problems.join('\n')}` : '\nNo console errors, no failed API requests.');
