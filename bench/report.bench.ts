import { pathToFileURL } from 'node:url';
import type { AnalyticsRange, BreakdownDimension, BreakdownResponse, BreakdownRow, TimeseriesPoint } from '@app/common';
import { renderReport, type ReportData } from '@app/reports';

const RUNS = 5;
const LINK_TITLES = [
  'Spring collection – shop now',
  'YouTube: studio tour',
  'Podcast #48 with Lea Roth',
  'Newsletter sign-up',
  'Lightroom presets',
  'Camera gear I use',
  'Workshop tickets (Berlin)',
  'Behind the scenes on Patreon',
  'Print shop',
  'TikTok: 30-day challenge',
  'Free wallpaper pack',
  'Brand collaborations',
  'Spotify playlist',
  'Portfolio',
  'Discount code NOVA15',
  'Travel guide: Lisbon',
  'Book a call',
  'Instagram guide',
  'Merch drop',
  'Contact',
];
const DAY_MS = 86_400_000;

/**
 * Seconds to render a 12-month report: 365 daily points and the previous 365, 20 links,
 * full breakdowns and a full weekday × hour heatmap. The median of a few runs after a warm-up
 * (the first render also reads and parses the fonts).
 */
export async function runReportBench(): Promise<{ name: string; value: number; unit: string }> {
  const data = yearReportData();
  await renderReport(data);
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await renderReport(data);
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  return { name: 'report: render a 12-month PDF', value: seconds[Math.floor(RUNS / 2)], unit: 's' };
}

/** A busy creator's year, ~10 million clicks, from a fixed seed so every run renders the same PDF. */
export function yearReportData(): ReportData {
  const random = seeded(42);
  const from = Date.UTC(2025, 10, 1);
  const to = from + 365 * DAY_MS;
  const range: AnalyticsRange = { from: iso(from), to: iso(to), tz: 'UTC', linkId: null };
  const day = (start: number, i: number): TimeseriesPoint => {
    const seasonal =
      1 + 0.35 * Math.sin((i / 365) * 2 * Math.PI) + (new Date(start + i * DAY_MS).getUTCDay() % 6 === 0 ? 0.25 : 0);
    const clicks = Math.round(24_000 * seasonal * (0.85 + 0.3 * random()));
    const leads = Math.round(clicks * 0.03);
    const sales = Math.round(leads * 0.25);
    return {
      t: iso(start + i * DAY_MS),
      clicks,
      profileViews: clicks * 3,
      botHits: Math.round(clicks * 0.08),
      leads,
      sales,
      revenue: [{ currency: 'USD', amount: sales * 4900 }],
    };
  };
  const points = Array.from({ length: 365 }, (_, i) => day(from, i));
  const previous = Array.from({ length: 365 }, (_, i) => day(from - 365 * DAY_MS, i));
  const total = points.reduce((sum, p) => sum + p.clicks, 0);
  const previousTotal = previous.reduce((sum, p) => sum + p.clicks, 0);
  const sum = (list: TimeseriesPoint[], pick: (p: TimeseriesPoint) => number) => list.reduce((a, p) => a + pick(p), 0);
  const [leads, previousLeads] = [points, previous].map((list) => sum(list, (p) => p.leads));
  const [sales, previousSales] = [points, previous].map((list) => sum(list, (p) => p.sales));
  const [revenue, previousRevenue] = [points, previous].map((list) => sum(list, (p) => p.revenue[0].amount));
  const metric = (value: number, before: number) => ({ value, previous: before, change: (value - before) / before });
  const split = (by: BreakdownDimension, names: string[]) => breakdown(range, by, names, total, random);
  return {
    creator: { username: 'studio.nova', displayName: 'Studio Nova' },
    range: { from: range.from, to: range.to, tz: range.tz },
    link: null,
    generatedAt: new Date(to + 6 * 3_600_000),
    publicUrl: 'https://lnk.example.com',
    overview: {
      range,
      clicks: metric(total, previousTotal),
      profileViews: metric(total * 3, previousTotal * 3),
      uniqueVisitors: metric(Math.round(total * 0.62), Math.round(previousTotal * 0.6)),
      ctr: { value: 0.2134, previous: 0.1987, change: 0.2134 / 0.1987 - 1 },
      botHits: metric(Math.round(total * 0.08), Math.round(previousTotal * 0.09)),
      leads: metric(leads, previousLeads),
      sales: metric(sales, previousSales),
      revenue: [{ currency: 'USD', ...metric(revenue, previousRevenue) }],
      conversionRate: { value: leads / total, previous: previousLeads / previousTotal, change: null },
      revenuePerClick: [{ currency: 'USD', value: revenue / total, previous: previousRevenue / previousTotal, change: null }],
    },
    timeseries: { range, interval: 'day', points, previous },
    topLinks: split('link', LINK_TITLES),
    sources: split('source', ['instagram', 'tiktok', 'youtube', 'x', 'direct', 'google', 'profile', 'other']),
    countries: split('country', [
      'United States',
      'Germany',
      'United Kingdom',
      'Brazil',
      'India',
      'France',
      'Canada',
      'Japan',
      'Spain',
      'Australia',
      'Mexico',
      'Italy',
    ]),
    devices: split('device', ['mobile', 'desktop', 'tablet', 'other']),
    timePatterns: {
      range,
      matrix: Array.from({ length: 7 }, (_, d) =>
        Array.from({ length: 24 }, (_, h) =>
          Math.round((total / 168) * (0.2 + Math.sin((Math.PI * h) / 24) ** 2) * (d >= 5 ? 1.2 : 1) * (0.8 + 0.4 * random())),
        ),
      ),
    },
    funnel: {
      range,
      steps: [
        { step: 'view', count: total * 3, rateFromPrevious: null, rateFromFirst: 1 },
        { step: 'click', count: total, rateFromPrevious: 1 / 3, rateFromFirst: 1 / 3 },
        { step: 'lead', count: leads, rateFromPrevious: leads / total, rateFromFirst: leads / (total * 3) },
        { step: 'sale', count: sales, rateFromPrevious: sales / leads, rateFromFirst: sales / (total * 3) },
      ],
    },
  };
}

function breakdown(
  range: AnalyticsRange,
  by: BreakdownDimension,
  names: string[],
  total: number,
  random: () => number,
): BreakdownResponse {
  const weights = names.map((_, i) => 1 / (i + 1.5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const rows: BreakdownRow[] = names.map((name, i) => {
    const clicks = Math.floor((total * weights[i]) / sum);
    const leads = Math.round(clicks * 0.03);
    const sales = Math.round(leads * 0.25);
    return {
      value: name.toLowerCase(),
      label: by === 'source' || by === 'device' ? undefined : name,
      clicks,
      profileViews: 0,
      previousClicks: Math.round(clicks * (0.7 + 0.6 * random())),
      leads,
      sales,
      revenue: [{ currency: 'USD', amount: sales * 4900 }],
      conversionRate: clicks === 0 ? null : leads / clicks,
    };
  });
  const counted = rows.reduce((a, r) => a + r.clicks, 0);
  return {
    range,
    by,
    rows,
    other: { clicks: total - counted, profileViews: 0, values: total > counted ? 1 : 0, leads: 0, sales: 0, revenue: [] },
    total: {
      clicks: total,
      profileViews: 0,
      leads: rows.reduce((a, r) => a + r.leads, 0),
      sales: rows.reduce((a, r) => a + r.sales, 0),
      revenue: [{ currency: 'USD', amount: rows.reduce((a, r) => a + r.sales * 4900, 0) }],
    },
  };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runReportBench();
  console.log(`${result.name}: ${result.value.toFixed(3)} ${result.unit}`);
}
