import { mkdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { cardWhen, panel, PHONE, settled, textOf, until, wholePage } from './support/browser.js';
import {
  AGENTS,
  apiCreator,
  type Creator,
  createLink,
  visit,
  waitForCounts,
  waitForLiveSubscription,
} from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * The Conversions page: an empty state that explains the setup, then the numbers of tracked
 * clicks that became leads and sales, the funnel, what converts per link and source, the setup
 * steps, and the test view that shows a conversion as it arrives. Screenshots go to docs/images.
 */
const suite = dashboardSuite();
const { signedIn } = suite;
const IMAGES = 'docs/images';

/** Follows a tracked short link like a visitor; the lp_cid its target got. */
async function clickThrough(slug: string, userAgent: string, ip: string): Promise<string> {
  const response = await visit(suite.stack.base, `/${slug}`, { userAgent, ip, referer: 'https://l.instagram.com/' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!).searchParams.get('lp_cid')!;
}

async function serverToken(creator: Creator) {
  const reply = await creator.client.post('/api/v1/tokens', { name: 'shop server' });
  expect(reply.status).toBe(201);
  return creator.client.withToken(reply.body.token);
}

async function leadsAndSales(creator: Creator): Promise<[number, number]> {
  const to = new Date(Date.now() + 60_000).toISOString();
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const o = (await creator.client.get(`/api/v1/analytics/overview?from=${from}&to=${to}`)).body;
  return [o.leads.value, o.sales.value];
}

describe('the Conversions page', () => {
  it('explains the setup, then shows tracked clicks becoming leads and sales, and a conversion arriving live', async () => {
    mkdirSync(IMAGES, { recursive: true });
    const creator = await apiCreator(suite.stack.base);
    expect((await creator.client.patch('/api/v1/me', { currency: 'EUR' })).status).toBe(200);
    const shop = await createLink(creator, { url: 'https://shop.example.com/spring', title: 'Spring shop' });
    const { page } = await signedIn(creator);

    // nothing tracked yet: the page says what to do
    await page.goto(`${suite.stack.base}/app/conversions`);
    await page.getByRole('heading', { name: 'Conversions', level: 1 }).waitFor();
    await page.getByText('See which clicks become sign-ups and sales').waitFor();
    await settled(page);
    await wholePage(page, `${IMAGES}/conversions-empty.png`, 900);

    // step 1 of the setup: tracking on for the link
    const setup = page.locator('#setup');
    await setup.getByLabel('Track conversions of').check();
    await page.getByText(`/${shop.slug} now adds lp_cid to its target.`).waitFor();
    expect((await creator.client.get(`/api/v1/links/${shop.id}`)).body.conversionTracking).toBe(true);
    // step 2: a publishable key for the shop's origin, put into the snippet
    await setup.getByLabel("Your site's address").fill('https://shop.example.com');
    await setup.getByRole('button', { name: 'Create a key' }).click();
    const key = await until(
      () => textOf(setup.locator('.key-once code')).catch(() => ''),
      (text) => text.startsWith('pk_'),
    );
    expect(await textOf(setup.locator('pre').first())).toBe(
      `<script src="${suite.stack.base}/lp.js" data-key="${key}" defer></script>`,
    );

    // three visitors click through; two sign up, one of them buys
    const server = await serverToken(creator);
    const clicks = [
      await clickThrough(shop.slug, AGENTS.iphoneInstagram, '81.2.69.142'),
      await clickThrough(shop.slug, AGENTS.iphoneInstagram, '85.214.132.117'),
      await clickThrough(shop.slug, AGENTS.windowsChrome, '8.8.8.8'),
    ];
    // stored before the conversions name them (an unknown click id is stored unattributed)
    await waitForCounts(creator, { clicks: 3 });
    for (const [i, clickId] of clicks.slice(0, 2).entries())
      expect((await server.post('/api/v1/track/lead', { clickId, customerId: `cus_${i}`, eventName: 'Sign up' })).status).toBe(
        202,
      );
    const sale = { customerId: 'cus_0', amount: 4900, currency: 'EUR', invoiceId: 'inv_1' };
    expect((await server.post('/api/v1/track/sale', sale)).status).toBe(202);
    await until(
      () => leadsAndSales(creator),
      ([leads, sales]) => leads === 2 && sales === 1,
    );

    await page.reload();
    // the link list says which links track (the setup's checkbox is read from it)
    await until(
      () => setup.getByLabel('Track conversions of').isChecked(),
      (checked) => checked,
    );
    expect(await cardWhen(page, 'Leads', { value: '2' })).toMatchObject({ value: '2' });
    expect((await cardWhen(page, 'Sales', { value: '1' })).value).toBe('1');
    expect((await cardWhen(page, 'Revenue', { value: '€49.00' })).value).toBe('€49.00');
    expect((await cardWhen(page, 'Conversion rate', { value: '66.7%' })).value).toBe('66.7%');
    expect((await cardWhen(page, 'Revenue per click', { value: '€16.33' })).value).toBe('€16.33');
    const funnel = panel(page, 'Funnel');
    // no profile views: the funnel starts at the clicks
    expect(await funnel.locator('.count').allInnerTexts()).toEqual(['3', '2', '1']);
    expect(await funnel.locator('.rate').allInnerTexts()).toEqual(['66.7% of clicks', '50% of leads · 33.3% of clicks']);
    const table = page.locator('section', { has: page.getByRole('heading', { name: 'What converts' }) });
    expect(await textOf(table.locator('tbody tr').first())).toMatch(/Spring shop.*\s3\s+2\s+1\s+€49\.00\s+66\.7%/s);
    await table.getByRole('tab', { name: 'Sources' }).click();
    await until(
      () => textOf(table.locator('tbody tr').first()).catch(() => ''),
      (text) => text.startsWith('Instagram'),
    );
    await settled(page);
    await wholePage(page, `${IMAGES}/conversions.png`);

    // the test view: a sale sent now shows up on the page by itself
    const live = page.locator('section', { has: page.getByRole('heading', { name: 'Test it' }) });
    await live.getByText('Listening').waitFor();
    await waitForLiveSubscription(creator.id);
    expect(
      (await server.post('/api/v1/track/sale', { clickId: clicks[1], customerId: 'cus_1', amount: 1500, currency: 'EUR' }))
        .status,
    ).toBe(202);
    await live.getByText('€15.00').waitFor({ timeout: 10_000 });
    expect(await textOf(live.locator('li').first())).toMatch(new RegExp(`Sale\\s+€15\\.00\\s+via /${shop.slug} from Instagram`));
  }, 120_000);

  it('reads on a phone and in the dark', async () => {
    const creator = await apiCreator(suite.stack.base);
    const link = await createLink(creator, { url: 'https://shop.example.com/course', title: 'Course' });
    await creator.client.patch(`/api/v1/links/${link.id}`, { conversionTracking: true });
    const clickId = await clickThrough(link.slug, AGENTS.androidChrome, '81.2.69.142');
    await waitForCounts(creator, { clicks: 1 });
    const server = await serverToken(creator);
    await server.post('/api/v1/track/lead', { clickId, customerId: 'c1' });
    await server.post('/api/v1/track/sale', { customerId: 'c1', amount: 12900, currency: 'USD' });
    await until(
      () => leadsAndSales(creator),
      ([leads, sales]) => leads === 1 && sales === 1,
    );
    const { page } = await signedIn(creator, { viewport: PHONE, colorScheme: 'dark' });
    await page.goto(`${suite.stack.base}/app/conversions`);
    expect((await cardWhen(page, 'Revenue', { value: '$129.00' })).value).toBe('$129.00');
    await settled(page);
    // nothing wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await wholePage(page, `${IMAGES}/conversions-phone-dark.png`);
  }, 90_000);
});

declare const document: { documentElement: { scrollWidth: number } };
