import { describe, expect, it } from '@jest/globals';
import { type EnrichedHit, uuidV7 } from '@app/common';
import { ConversionModel, type LinkFunnel } from './conversion.model.js';

const DAY = 86_400_000;
const SHOP = 'link-shop';
const NEWSLETTER = 'link-newsletter';
const funnels = new Map<string, LinkFunnel>([
  [SHOP, { leadRate: 0.5, saleRate: 0.5, amounts: [4900], currency: 'EUR' }],
  [NEWSLETTER, { leadRate: 0.5, saleRate: 0, amounts: [], currency: 'EUR' }],
]);

const hit = (linkId: string | null, at: number, fields: Partial<EnrichedHit> = {}): EnrichedHit =>
  ({ id: uuidV7(at), at, kind: 'click', creatorId: 'c', linkId, isBot: false, ...fields }) as EnrichedHit;

/** A random source that always answers `value`. */
const always = (value: number) => () => value;

describe('ConversionModel', () => {
  const start = Date.UTC(2026, 5, 1);

  it('turns human clicks on tracked links into leads on that click, and some leads into sales of their customer', () => {
    const model = new ConversionModel('c', funnels, start + 30 * DAY, always(0.1));
    const shopClick = hit(SHOP, start);
    const newsletterClick = hit(NEWSLETTER, start + DAY);
    model.observe(shopClick);
    model.observe(newsletterClick);
    model.observe(hit('link-untracked', start));
    model.observe(hit(SHOP, start, { isBot: true }));
    model.observe(hit(null, start, { kind: 'view' }));

    const conversions = [...model.batches(10)].flat();
    expect(conversions.map((c) => [c.kind, c.customerId, c.clickId, c.amount])).toEqual([
      ['lead', 'cus_1', shopClick.id, null],
      ['lead', 'cus_2', newsletterClick.id, null],
      ['sale', 'cus_1', null, 4900],
    ]);
    const [lead, , sale] = conversions;
    expect(lead.at).toBeGreaterThan(start);
    expect(sale.at).toBeGreaterThanOrEqual(lead.at);
    expect(sale.invoiceId).toBe('seed-inv-cus_1');
  });

  it('leaves clicks unconverted past the rates, and nothing after the end of the seeded traffic', () => {
    const unlikely = new ConversionModel('c', funnels, start + 30 * DAY, always(0.9));
    unlikely.observe(hit(SHOP, start));
    expect([...unlikely.batches(10)]).toEqual([]);
    const late = new ConversionModel('c', funnels, start, always(0.1));
    late.observe(hit(SHOP, start));
    expect([...late.batches(10)]).toEqual([]);
  });
});
