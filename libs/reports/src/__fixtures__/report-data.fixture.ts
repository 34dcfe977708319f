import type { AnalyticsRange, BreakdownDimension, BreakdownResponse, BreakdownRow, TimeseriesPoint } from '@app/common';
import type { ReportData } from '../report-data.js';

/**
 * October 2026 for @maya in Europe/Berlin, with numbers small enough to check by hand:
 * 1,250 clicks (1,000 before), 22 weekdays × 38 + 9 weekend days × 46 = 1,250.
 */
const RANGE: AnalyticsRange = {
  from: '2026-09-30T22:00:00.000Z', // 1 October 00:00 CEST
  to: '2026-10-31T23:00:00.000Z', // 1 November 00:00 CET; the clocks went back on 25 October
  tz: 'Europe/Berlin',
  linkId: null,
};
// [from − (to − from), from): 745 hours back, so it starts at 23:00 on 30 August, Berlin time
const PREVIOUS_RANGE: AnalyticsRange = { ...RANGE, from: '2026-08-30T21:00:00.000Z', to: RANGE.from };

export function octoberReport(): ReportData {
  return {
    creator: { username: 'maya', displayName: 'Maya Lindqvist' },
    range: { from: RANGE.from, to: RANGE.to, tz: RANGE.tz },
    link: null,
    generatedAt: new Date('2026-11-01T08:30:00.000Z'),
    publicUrl: 'https://lnk.example.com',
    overview: {
      range: RANGE,
      previousRange: PREVIOUS_RANGE,
      clicks: { value: 1250, previous: 1000, change: 0.25 },
      profileViews: { value: 4000, previous: 5000, change: -0.2 },
      uniqueVisitors: { value: 2345, previous: 0, change: null },
      ctr: { value: 0.15, previous: 0.1, change: 0.5 },
      botHits: { value: 321, previous: 300, change: 0.07 },
      // 120 sign-ups and 31 sales worth €2,480, and one sale in dollars
      leads: { value: 120, previous: 100, change: 0.2 },
      sales: { value: 31, previous: 25, change: 0.24 },
      revenue: [
        { currency: 'EUR', value: 248000, previous: 200000, change: 0.24 },
        { currency: 'USD', value: 4900, previous: 0, change: null },
      ],
      conversionRate: { value: 0.096, previous: 0.1, change: -0.04 },
      revenuePerClick: [
        { currency: 'EUR', value: 198.4, previous: 200, change: -0.008 },
        { currency: 'USD', value: 3.92, previous: 0, change: null },
      ],
    },
    timeseries: { range: RANGE, interval: 'day', points: octoberDays(), previous: septemberDays() },
    topLinks: breakdown(
      'link',
      [
        row('l1', 500, 400, 'Spring collection'),
        row('l2', 300, 300, 'YouTube channel'),
        row('l3', 250, 0, 'Podcast episode 12'),
        row('l4', 150, 200, '🔥 Discount code'),
      ],
      { clicks: 50, profileViews: 0, values: 3, ...NO_CONVERSIONS },
    ),
    sources: breakdown('source', [
      row('instagram', 700, 500),
      row('tiktok', 300, 300),
      row('direct', 150, 100),
      row('profile', 100, 100),
    ]),
    countries: breakdown('country', [
      row('DE', 600, 500, 'Germany'),
      row('AT', 300, 200, 'Austria'),
      row('CH', 200, 200, 'Switzerland'),
      row('US', 100, 50, 'United States'),
      row('unknown', 50, 50),
    ]),
    devices: breakdown('device', [row('mobile', 1000, 800), row('desktop', 200, 150), row('tablet', 50, 50)]),
    timePatterns: { range: RANGE, matrix: activityMatrix() },
    funnel: {
      range: RANGE,
      previousRange: PREVIOUS_RANGE,
      steps: [
        { step: 'view', count: 4000, rateFromPrevious: null, rateFromFirst: 1, previous: 5000, change: -0.2 },
        { step: 'click', count: 1250, rateFromPrevious: 0.3125, rateFromFirst: 0.3125, previous: 1000, change: 0.25 },
        { step: 'lead', count: 120, rateFromPrevious: 0.096, rateFromFirst: 0.03, previous: 100, change: 0.2 },
        { step: 'sale', count: 31, rateFromPrevious: 31 / 120, rateFromFirst: 31 / 4000, previous: 25, change: 0.24 },
      ],
    },
  };
}

/** A period in which nothing happened, after one that had some traffic. */
export function emptyReport(): ReportData {
  const report = octoberReport();
  const none = (rows: BreakdownRow[]) => ({
    ...breakdown('source', rows),
    total: { clicks: 0, profileViews: 0, ...NO_CONVERSIONS },
  });
  return {
    ...report,
    overview: {
      ...report.overview,
      clicks: { value: 0, previous: 0, change: null },
      profileViews: { value: 0, previous: 10, change: -1 },
      uniqueVisitors: { value: 0, previous: 8, change: -1 },
      ctr: { value: null, previous: 0, change: null },
      botHits: { value: 0, previous: 0, change: null },
      leads: { value: 0, previous: 0, change: null },
      sales: { value: 0, previous: 0, change: null },
      revenue: [],
      conversionRate: { value: null, previous: null, change: null },
      revenuePerClick: [],
    },
    timeseries: {
      ...report.timeseries,
      points: report.timeseries.points.map((p) => ({
        ...p,
        clicks: 0,
        profileViews: 0,
        botHits: 0,
        leads: 0,
        sales: 0,
        revenue: [],
      })),
    },
    topLinks: none([]),
    sources: none([]),
    countries: none([]),
    devices: none([]),
    timePatterns: { range: RANGE, matrix: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)) },
  };
}

/** The same month, for one link only. */
export function linkReport(): ReportData {
  return {
    ...octoberReport(),
    link: { slug: 'spring', title: 'Spring collection', shortUrl: 'https://lnk.example.com/spring' },
  };
}

function octoberDays(): TimeseriesPoint[] {
  return Array.from({ length: 31 }, (_, i) => {
    const day = i + 1;
    const weekday = (3 + i) % 7; // 1 October 2026 is a Thursday (Monday = 0)
    const offset = day <= 25 ? '+02:00' : '+01:00';
    return point(`2026-10-${String(day).padStart(2, '0')}T00:00:00${offset}`, weekday >= 5 ? 46 : 38);
  });
}

/** 30 × 32 + 40 = 1,000 */
function septemberDays(): TimeseriesPoint[] {
  return Array.from({ length: 31 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 7, 30 + i));
    return point(`${date.toISOString().slice(0, 10)}T23:00:00+02:00`, i === 30 ? 40 : 32);
  });
}

const NO_CONVERSIONS = { leads: 0, sales: 0, revenue: [] };

/** Every fourth day brings a lead, every tenth a sale of €80. */
function point(t: string, clicks: number): TimeseriesPoint {
  const day = Number(t.slice(8, 10));
  return {
    t,
    clicks,
    profileViews: 0,
    botHits: 0,
    leads: day % 4 === 0 ? 1 : 0,
    sales: day % 10 === 0 ? 1 : 0,
    revenue: day % 10 === 0 ? [{ currency: 'EUR', amount: 8000 }] : [],
  };
}

/** 10 an hour from 08:00 to 22:00 every day, 90 on Wednesdays at 18:00: 140 a day, 220 on Wednesday. */
function activityMatrix(): number[][] {
  return Array.from({ length: 7 }, (_, day) =>
    Array.from({ length: 24 }, (_, hour) => (day === 2 && hour === 18 ? 90 : hour >= 8 && hour < 22 ? 10 : 0)),
  );
}

/** A row whose conversions are a tenth of its clicks as leads, a fortieth as sales of €80. */
function row(value: string, clicks: number, previousClicks: number, label?: string): BreakdownRow {
  const leads = Math.round(clicks / 10);
  const sales = Math.round(clicks / 40);
  return {
    value,
    label,
    clicks,
    profileViews: 0,
    previousClicks,
    previousProfileViews: 0,
    leads,
    sales,
    revenue: sales > 0 ? [{ currency: 'EUR', amount: sales * 8000 }] : [],
    conversionRate: clicks === 0 ? null : leads / clicks,
  };
}

function breakdown(
  by: BreakdownDimension,
  rows: BreakdownRow[],
  other = { clicks: 0, profileViews: 0, values: 0, ...NO_CONVERSIONS },
): BreakdownResponse {
  const clicks = rows.reduce((sum, r) => sum + r.clicks, other.clicks);
  return { range: RANGE, by, rows, other, total: { clicks, profileViews: 0, ...NO_CONVERSIONS } };
}
