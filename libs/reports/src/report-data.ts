import type { BreakdownResponse, FunnelResponse, OverviewResponse, TimePatternsResponse, TimeseriesResponse } from '@app/common';

/** Everything one PDF report shows, already queried; rendering does no I/O besides reading fonts. */
export interface ReportData {
  creator: { username: string; displayName?: string | null };
  /** ISO instants, `[from, to)`; shown as dates in `tz` */
  range: { from: string; to: string; tz: string };
  /** present for a report on one link */
  link?: { slug: string; title: string | null; shortUrl: string } | null;
  generatedAt: Date;
  /** e.g. https://lnk.example.com */
  publicUrl: string;
  /** with previous/change filled (compare=previous) */
  overview: OverviewResponse;
  /** with previous */
  timeseries: TimeseriesResponse;
  /** by=link, rows have label */
  topLinks: BreakdownResponse;
  sources: BreakdownResponse;
  /** rows have label = country name */
  countries: BreakdownResponse;
  devices: BreakdownResponse;
  timePatterns: TimePatternsResponse;
  /** view → click → lead → sale (click → lead → sale for one link), with compare */
  funnel: FunnelResponse;
}
