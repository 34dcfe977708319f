import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CreatorsRepository, LinksRepository } from '@app/db';
import type { EntityManager } from 'typeorm';
import { type Mock, mockOf } from '../../../test/support/mocks.js';
import { InvalidLimitError, InvalidRangeError, InvalidTimeZoneError, LinkNotFoundError } from './analytics.errors.js';
import { AnalyticsRepository, zeroCounts } from './analytics.repository.js';
import { AnalyticsService, funnelSteps, moneyOf, validFunnelSteps, validRange } from './analytics.service.js';
import { ConversionAnalyticsRepository, zeroConversions } from './conversion-analytics.repository.js';

const at = (iso: string): number => Date.parse(iso);

describe('validRange', () => {
  it('takes [from, to) within 2000–2100 and at most 400 days', () => {
    expect(validRange(at('2026-03-01T00:00:00Z'), at('2027-04-05T00:00:00Z'))).toEqual({
      from: at('2026-03-01T00:00:00Z'),
      to: at('2027-04-05T00:00:00Z'),
    });
    expect(() => validRange(NaN, at('2026-03-01T00:00:00Z'))).toThrow(
      new InvalidRangeError('from and to must be ISO 8601 date-times'),
    );
    expect(() => validRange(at('2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z'))).toThrow('from must be before to');
    expect(() => validRange(at('1999-12-31T00:00:00Z'), at('2000-01-02T00:00:00Z'))).toThrow('between the years 2000 and 2100');
    expect(() => validRange(at('2026-01-01T00:00:00Z'), at('2027-02-05T00:00:01Z'))).toThrow('at most 400 days');
  });
});

describe('AnalyticsService', () => {
  let service: AnalyticsService;
  let repository: Mock<AnalyticsRepository>;
  let conversions: Mock<ConversionAnalyticsRepository>;
  let links: Mock<LinksRepository>;
  let creators: Mock<CreatorsRepository>;
  let statements: string[];

  beforeEach(async () => {
    statements = [];
    const tx = { query: jest.fn(async (sql: string) => statements.push(sql)) } as unknown as EntityManager;
    const db = { transaction: (work: (tx: EntityManager) => Promise<unknown>) => work(tx) };
    repository = mockOf<AnalyticsRepository>();
    links = mockOf<LinksRepository>();
    creators = mockOf<CreatorsRepository>();
    repository.dirtyHours.mockResolvedValue([]);
    conversions = mockOf<ConversionAnalyticsRepository>();
    conversions.dirtyHours.mockResolvedValue([]);
    conversions.countsByBucket.mockImplementation(async (_tx, _scope, bounds) => bounds.slice(1).map(() => zeroConversions()));
    conversions.breakdownByBucket.mockResolvedValue([]);
    creators.currencyOf.mockResolvedValue('EUR');
    const module = await Test.createTestingModule({
      providers: [
        AnalyticsService,
        { provide: getDataSourceToken(), useValue: db },
        { provide: AnalyticsRepository, useValue: repository },
        { provide: ConversionAnalyticsRepository, useValue: conversions },
        { provide: LinksRepository, useValue: links },
        { provide: CreatorsRepository, useValue: creators },
      ],
    }).compile();
    service = module.get(AnalyticsService);
  });

  const march = { creatorId: 'c1', from: at('2026-03-27T23:00:00Z'), to: at('2026-03-30T22:00:00Z') };

  it("cuts days at the zone's midnights across the spring DST change, in the creator's zone", async () => {
    creators.timeZoneOf.mockResolvedValue('Europe/Berlin');
    repository.countsByBucket.mockImplementation(async (_tx, _scope, bounds) =>
      bounds.slice(1).map((_, i) => ({ ...zeroCounts(), clicks: i + 1 })),
    );
    const series = await service.timeseries(march, 'day');
    const [, , bounds] = repository.countsByBucket.mock.calls[0];
    // the 29th has 23 hours in Berlin
    expect(bounds).toEqual([
      at('2026-03-27T23:00:00Z'),
      at('2026-03-28T23:00:00Z'),
      at('2026-03-29T22:00:00Z'),
      at('2026-03-30T22:00:00Z'),
    ]);
    expect(series.points.map((p) => [p.t, p.clicks])).toEqual([
      ['2026-03-28T00:00:00+01:00', 1],
      ['2026-03-29T00:00:00+01:00', 2],
      ['2026-03-30T00:00:00+02:00', 3],
    ]);
    expect(series.range).toEqual({
      from: '2026-03-27T23:00:00.000Z',
      to: '2026-03-30T22:00:00.000Z',
      tz: 'Europe/Berlin',
      linkId: null,
    });
    // one read-only snapshot
    expect(statements[0]).toBe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  });

  it('a comparison reads the previous period as the buckets before the first', async () => {
    repository.countsByBucket.mockImplementation(async (_tx, _scope, bounds) => bounds.slice(1).map(() => zeroCounts()));
    const series = await service.timeseries({ ...march, tz: 'UTC', compare: true }, 'day');
    const [, , bounds] = repository.countsByBucket.mock.calls[0];
    expect(bounds[0]).toBe(march.from - (march.to - march.from));
    expect(bounds[bounds.length - 1]).toBe(march.to);
    expect(series.previous).toHaveLength(series.points.length);
    expect(creators.timeZoneOf).not.toHaveBeenCalled();
  });

  it('refuses a bad range, zone or limit before reading anything', async () => {
    await expect(service.overview({ ...march, to: march.from })).rejects.toThrow(InvalidRangeError);
    await expect(service.overview({ ...march, tz: 'Mars/Olympus' })).rejects.toThrow(InvalidTimeZoneError);
    await expect(service.breakdown(march, 'source', 0)).rejects.toThrow(InvalidLimitError);
    await expect(service.breakdown(march, 'source', 101)).rejects.toThrow('limit must be an integer from 1 to 100');
    expect(statements).toEqual([]);
  });

  it("another creator's link is not found, inside the snapshot and on its own", async () => {
    links.belongsTo.mockResolvedValue(false);
    await expect(service.overview({ ...march, tz: 'UTC', linkId: 'l9' })).rejects.toThrow(LinkNotFoundError);
    await expect(service.assertLinkOf('c1', 'l9')).rejects.toThrow('Link not found');
    expect(links.belongsTo).toHaveBeenLastCalledWith('l9', 'c1');
    expect(repository.countsByBucket).not.toHaveBeenCalled();
  });

  it('ranks a breakdown by clicks and views, sums the rest into other, and names links', async () => {
    const counts = (clicks: number, views = 0) => ({ ...zeroCounts(), clicks, views });
    repository.breakdownByBucket.mockResolvedValue([
      { bucket: 0, value: 'l1', counts: counts(5) },
      { bucket: 0, value: 'l2', counts: counts(9) },
      { bucket: 0, value: 'l3', counts: counts(1, 1) },
      { bucket: 0, value: 'gone', counts: counts(1) },
    ]);
    repository.countsByBucket.mockResolvedValue([counts(16, 1)]);
    links.labels.mockResolvedValue(
      new Map([
        ['l1', { slug: 'spring', title: 'Spring sale' }],
        ['l2', { slug: 'pod', title: null }],
      ]),
    );
    const result = await service.breakdown({ ...march, tz: 'UTC' }, 'link', 3);
    expect(result.rows.map((row) => [row.value, row.label, row.clicks])).toEqual([
      ['l2', '/pod', 9],
      ['l1', 'Spring sale (/spring)', 5],
      ['l3', '(deleted link)', 1],
    ]);
    expect(result.other).toEqual({ clicks: 1, profileViews: 0, values: 1, botHits: 0, leads: 0, sales: 0, revenue: [] });
    expect(result.total).toEqual({ clicks: 16, profileViews: 1, botHits: 0, leads: 0, sales: 0, revenue: [] });
  });

  it('gives breakdown rows their conversions, a value with conversions but no clicks included, and its conversion rate', async () => {
    const sale = (leads: number, sales: number, eur: number) => ({ leads, sales, revenue: new Map([['EUR', eur]]) });
    repository.breakdownByBucket.mockResolvedValue([
      { bucket: 0, value: 'instagram', counts: { ...zeroCounts(), clicks: 40 } },
      { bucket: 0, value: 'tiktok', counts: { ...zeroCounts(), clicks: 10 } },
    ]);
    repository.countsByBucket.mockResolvedValue([{ ...zeroCounts(), clicks: 50 }]);
    conversions.breakdownByBucket.mockResolvedValue([
      { bucket: 0, value: 'instagram', counts: sale(4, 1, 4900) },
      { bucket: 0, value: 'youtube', counts: sale(1, 0, 0) },
    ]);
    conversions.countsByBucket.mockResolvedValue([sale(6, 1, 4900)]);
    const result = await service.breakdown({ ...march, tz: 'UTC' }, 'source', 2);
    expect(result.rows.map((row) => [row.value, row.clicks, row.leads, row.sales, row.revenue, row.conversionRate])).toEqual([
      ['instagram', 40, 4, 1, [{ currency: 'EUR', amount: 4900 }], 0.1],
      ['tiktok', 10, 0, 0, [], 0],
    ]);
    expect(result.other).toMatchObject({ values: 1, leads: 1, sales: 0, revenue: [{ currency: 'EUR', amount: 0 }] });
    expect(result.total).toMatchObject({ clicks: 50, leads: 6, sales: 1 });
  });

  it('refuses a funnel of links that starts at profile views, and a funnel of bots', async () => {
    await expect(service.funnel({ ...march, tz: 'UTC' }, ['view', 'click'], 'link')).rejects.toThrow(
      'profile views belong to no link',
    );
    await expect(service.funnel({ ...march, tz: 'UTC', linkId: 'l1' }, ['view', 'click'])).rejects.toThrow(
      'profile views belong to no link',
    );
    await expect(service.funnel({ ...march, tz: 'UTC' }, ['click', 'lead'], 'bot')).rejects.toThrow('bots have no funnel');
    expect(statements).toEqual([]);
  });
});

describe('funnel steps', () => {
  const bucket = (views: number, clicks: number, leads: number, sales: number) => ({
    counts: { ...zeroCounts(), views, clicks },
    conversions: { leads, sales, revenue: new Map() },
  });

  it('rates each step from the step before and from the first; null where that is 0', () => {
    expect(funnelSteps(['view', 'click', 'lead', 'sale'], bucket(200, 50, 5, 0))).toEqual([
      { step: 'view', count: 200, rateFromPrevious: null, rateFromFirst: 1 },
      { step: 'click', count: 50, rateFromPrevious: 0.25, rateFromFirst: 0.25 },
      { step: 'lead', count: 5, rateFromPrevious: 0.1, rateFromFirst: 0.025 },
      { step: 'sale', count: 0, rateFromPrevious: 0, rateFromFirst: 0 },
    ]);
    expect(funnelSteps(['click', 'sale'], bucket(0, 0, 0, 2), bucket(0, 4, 1, 1))).toEqual([
      { step: 'click', count: 0, rateFromPrevious: null, rateFromFirst: null, previous: 4, change: -1 },
      { step: 'sale', count: 2, rateFromPrevious: null, rateFromFirst: null, previous: 1, change: 1 },
    ]);
  });

  it('takes known steps, at least two, each once, in the funnel order', () => {
    expect(validFunnelSteps(undefined)).toEqual(['view', 'click', 'lead', 'sale']);
    expect(validFunnelSteps(['click', 'sale'])).toEqual(['click', 'sale']);
    expect(() => validFunnelSteps(['click'])).toThrow('at least 2 steps');
    expect(() => validFunnelSteps(['sale', 'lead'])).toThrow("in the funnel's order");
    expect(() => validFunnelSteps(['click', 'click'])).toThrow("in the funnel's order");
    expect(() => validFunnelSteps(['click', 'purchase'])).toThrow('steps must be among view, click, lead, sale');
  });
});

describe('moneyOf', () => {
  it("lists the creator's currency first, then the largest amounts", () => {
    const revenue = new Map([
      ['USD', 100],
      ['JPY', 90000],
      ['EUR', 5],
      ['GBP', 100],
    ]);
    expect(moneyOf(revenue, 'EUR').map((money) => money.currency)).toEqual(['EUR', 'JPY', 'GBP', 'USD']);
  });
});
