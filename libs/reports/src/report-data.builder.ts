import type { AnalyticsQuery, AnalyticsService } from '@app/analytics';
import type { BreakdownDimension, FunnelStep, TimeseriesInterval } from '@app/common';
import type { ReportData } from './report-data.js';

/** The analytics functions a report reads: the API's own, so the PDF shows the API's numbers. */
export type ReportAnalytics = Pick<AnalyticsService, 'overview' | 'timeseries' | 'breakdown' | 'timePatterns' | 'funnel'>;

/** One report to build: whose, which range and zone, optionally one link. */
export interface ReportRequest {
  creatorId: string;
  /** epoch ms, [from, to) */
  from: number;
  to: number;
  tz: string;
  linkId: string | null;
}

/** Who and what the report is about, as its header shows them. */
export interface ReportSubject {
  creator: ReportData['creator'];
  link: { slug: string; title: string | null } | null;
}

/** Ranges up to this many days are charted by day, longer ones by week. */
export const DAILY_CHART_MAX_DAYS = 92;
/**
 * Rows asked of each breakdown. The renderer lists the top 10 (8) by clicks while the API ranks by
 * clicks + profile views, so it gets enough rows for the top by clicks to be among them; the rest
 * is in `other`, which the renderer adds to its "Other" row.
 */
export const REPORT_BREAKDOWN_ROWS = 100;

const DAY = 86_400_000;

export function chartInterval(from: number, to: number): TimeseriesInterval {
  return to - from <= DAILY_CHART_MAX_DAYS * DAY ? 'day' : 'week';
}

/**
 * Everything a report shows, asked of the analytics service with compare=previous, in parallel.
 * The numbers are the service's answers as they are: nothing here counts or sums.
 */
export async function buildReportData(
  analytics: ReportAnalytics,
  request: ReportRequest,
  subject: ReportSubject,
  options: { publicUrl: string; generatedAt?: Date },
): Promise<ReportData> {
  const query: AnalyticsQuery = {
    creatorId: request.creatorId,
    from: request.from,
    to: request.to,
    tz: request.tz,
    linkId: request.linkId,
    compare: true,
  };
  const breakdown = (by: BreakdownDimension) => analytics.breakdown(query, by, REPORT_BREAKDOWN_ROWS);
  // profile views belong to no link: a link's funnel starts at its clicks
  const steps: FunnelStep[] = request.linkId ? ['click', 'lead', 'sale'] : ['view', 'click', 'lead', 'sale'];
  const [overview, timeseries, topLinks, sources, countries, devices, timePatterns, funnel] = await Promise.all([
    analytics.overview(query),
    analytics.timeseries(query, chartInterval(request.from, request.to)),
    breakdown('link'),
    breakdown('source'),
    breakdown('country'),
    breakdown('device'),
    analytics.timePatterns(query),
    analytics.funnel(query, steps),
  ]);
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  return {
    creator: subject.creator,
    range: { from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString(), tz: request.tz },
    link: subject.link
      ? { slug: subject.link.slug, title: subject.link.title, shortUrl: `${publicUrl}/${subject.link.slug}` }
      : null,
    generatedAt: options.generatedAt ?? new Date(),
    publicUrl,
    overview,
    timeseries,
    topLinks,
    sources,
    countries,
    devices,
    timePatterns,
    funnel,
  };
}
