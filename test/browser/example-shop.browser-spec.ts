import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startShopServer } from '../../examples/shop/shop-server.js';
import { insertLink } from '../support/fixtures.js';
import { cardWhen } from './support/browser.js';
import { connectDatabase, eventually } from '../support/stack.js';
import { AGENTS, apiCreator } from './support/dashboard-stack.js';
import { dashboardSuite } from './support/suite.js';

/**
 * SPEC section 8 end to end in Chromium: a visitor follows a tracked short link to the example shop
 * (examples/shop, another origin, its own CSP), signs up and buys; /lp.js sends the lead and the
 * sale with a publishable key; both are stored on the click the visitor came through and shown on
 * the creator's Conversions page.
 */
const suite = dashboardSuite();

describe('the example shop', () => {
  const options = { linkpulseUrl: '', publishableKey: '' };
  let shop: { server: Server; url: string };

  beforeAll(async () => {
    options.linkpulseUrl = suite.stack.base;
    shop = await startShopServer(options);
  });

  afterAll(async () => {
    await new Promise((closed) => shop?.server.close(closed));
  });

  it('records a lead and a sale through /lp.js, attributed to the tracked short link', async () => {
    const creator = await apiCreator(suite.stack.base);
    const key = await creator.client.post('/api/v1/publishable-keys', { name: 'Example shop', allowedOrigins: [shop.url] });
    expect(key.status).toBe(201);
    options.publishableKey = key.body.key;

    const db = await connectDatabase();
    try {
      // inserted directly: the API refuses targets on this machine (self-loops), and the shop runs here
      const link = await insertLink(db, creator.id, { url: `${shop.url}/?ref=bio` });
      await db.query('UPDATE links SET conversion_tracking = true WHERE id = $1', [link.id]);

      const { page } = await suite.newContext({ userAgent: AGENTS.iphoneSafari });
      await page.goto(`${suite.stack.base}/${link.slug}`);
      const clickId = new URL(page.url()).searchParams.get('lp_cid');
      expect(clickId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      await page.getByLabel('Your email').fill('visitor@example.com');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByText('Thanks for signing up!').waitFor();
      await page.getByRole('button', { name: 'Buy for €49.00' }).click();
      await page.getByText('Order placed: thank you!').waitFor();

      const rows = await eventually(
        async () => {
          const { rows } = await db.query(
            'SELECT kind, amount, currency, click_id, link_id, attributed FROM conversions WHERE creator_id = $1 ORDER BY kind',
            [creator.id],
          );
          return rows.length === 2 && rows.every((row) => row.attributed) ? rows : null;
        },
        20_000,
        'the lead and the sale stored on the click',
      );
      expect(rows).toEqual([
        { kind: 'lead', amount: null, currency: null, click_id: clickId, link_id: link.id, attributed: true },
        { kind: 'sale', amount: '4900', currency: 'EUR', click_id: clickId, link_id: link.id, attributed: true },
      ]);

      // and the creator sees them on the Conversions page (the rollups catch up within the refresh)
      const dashboard = (await suite.signedIn(creator)).page;
      await dashboard.goto(`${suite.stack.base}/app/conversions?range=7d`);
      expect(await cardWhen(dashboard, 'Leads', { value: '1' })).toMatchObject({ value: '1' });
      expect((await cardWhen(dashboard, 'Sales', { value: '1' })).value).toBe('1');
      expect((await cardWhen(dashboard, 'Revenue', { value: '€49.00' })).value).toBe('€49.00');
    } finally {
      await db.end();
    }
  }, 90_000);
});
