import { describe, expect, it } from '@jest/globals';
import type { AnalyticsQuery } from '@app/analytics';
import type {
  BreakdownDimension,
  BreakdownResponse,
  FunnelResponse,
  FunnelStep,
  OverviewResponse,
  TimePatternsResponse,
  TimeseriesInterval,
  TimeseriesResponse,
} from '@app/common';
import { buildReportData, chartInterval, type ReportAnalytics, REPORT_BREAKDOWN_ROWS } from './report-data.builder.js';

/** Answers each call with a tagged object and records what was asked. */
function recordingAnalytics() {
  const calls: string[] = [];
  const queries: AnalyticsQuery[] = [];
  const analytics: ReportAnalytics = {
    overview: async (q: AnalyticsQuery) => (
      queries.push(q),
      calls.push('overview'),
      { tag: 'overview' } as unknown as OverviewResponse
    ),
    timeseries: async (q: AnalyticsQuery, interval: TimeseriesInterval) => (
      queries.push(q),
      calls.push(`timeseries:${interval}`),
      { tag: 'timeseries' } as unknown as TimeseriesResponse
    ),
    breakdown: async (q: AnalyticsQuery, by: BreakdownDimension, limit?: number) => (
      queries.push(q),
      calls.push(`breakdown:${by}:${limit}`),
      { tag: by } as unknown as BreakdownResponse
    ),
    timePatterns: async (q: AnalyticsQuery) => (
      queries.push(q),
      calls.push('timePatterns'),
      { tag: 'patterns' } as unknown as TimePatternsResponse
    ),
    funnel: async (q: AnalyticsQuery, steps: FunnelStep[]) => (
      queries.push(q),
      calls.push(`funnel:${steps.join(',')}`),
      { tag: 'funnel' } as unknown as FunnelResponse
    ),
  };
  return { analytics, calls, queries };
}

const request = {
  creatorId: 'c1',
  from: Date.parse('2026-10-01T00:00:00+02:00'),
  to: Date.parse('2026-11-01T00:00:00+01:00'),
  tz: 'Europe/Berlin',
  linkId: null,
};

describe('buildReportData', () => {
  it('asks the analytics service for every section with compare=previous and passes its answers through', async () => {
    const { analytics, calls, queries } = recordingAnalytics();
    const generatedAt = new Date('2026-11-01T08:00:00Z');
    const data = await buildReportData(
      analytics,
      request,
      { creator: { username: 'maya', displayName: 'Maya' }, link: null },
      {
        publicUrl: 'https://lnk.example.com/',
        generatedAt,
      },
    );
    expect(calls.sort()).toEqual(
      [
        'overview',
        'timeseries:day',
        `breakdown:link:${REPORT_BREAKDOWN_ROWS}`,
        `breakdown:source:${REPORT_BREAKDOWN_ROWS}`,
        `breakdown:country:${REPORT_BREAKDOWN_ROWS}`,
        `breakdown:device:${REPORT_BREAKDOWN_ROWS}`,
        'timePatterns',
        'funnel:view,click,lead,sale',
      ].sort(),
    );
    for (const q of queries) expect(q).toEqual({ ...request, compare: true });
    expect(data).toMatchObject({
      creator: { username: 'maya', displayName: 'Maya' },
      range: { from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', tz: 'Europe/Berlin' },
      link: null,
      generatedAt,
      publicUrl: 'https://lnk.example.com',
      overview: { tag: 'overview' },
      timeseries: { tag: 'timeseries' },
      topLinks: { tag: 'link' },
      sources: { tag: 'source' },
      countries: { tag: 'country' },
      devices: { tag: 'device' },
      timePatterns: { tag: 'patterns' },
      funnel: { tag: 'funnel' },
    });
  });

  it("a one-link report carries the link's short URL", async () => {
    const { analytics, calls, queries } = recordingAnalytics();
    const data = await buildReportData(
      analytics,
      { ...request, linkId: 'l1' },
      { creator: { username: 'maya' }, link: { slug: 'spring', title: 'Spring sale' } },
      { publicUrl: 'https://lnk.example.com' },
    );
    expect(data.link).toEqual({ slug: 'spring', title: 'Spring sale', shortUrl: 'https://lnk.example.com/spring' });
    expect(queries.every((q) => q.linkId === 'l1')).toBe(true);
    // profile views belong to no link: its funnel starts at the clicks
    expect(calls).toContain('funnel:click,lead,sale');
  });
});

describe('chartInterval', () => {
  it('charts up to 92 days by day and longer ranges by week', () => {
    const day = 86_400_000;
    expect(chartInterval(0, 92 * day)).toBe('day');
    expect(chartInterval(0, 92 * day + 1)).toBe('week');
    expect(chartInterval(0, 365 * day)).toBe('week');
  });
});
