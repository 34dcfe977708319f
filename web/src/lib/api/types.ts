/**
 * Types of the Linkpulse JSON API (/api/v1). The analytics shapes are a copy of
 * libs/common/src/analytics.types.ts — the dashboard is built separately and does not import across.
 * Keep them in step when the contract changes.
 */

export const BREAKDOWN_DIMENSIONS = [
  'source',
  'referrer',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'country',
  'region',
  'city',
  'device',
  'browser',
  'os',
  'link',
  'via',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const TIMESERIES_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type TimeseriesInterval = (typeof TIMESERIES_INTERVALS)[number];

/** A metric with, when `compare=previous` was asked, the previous period's value and the relative change. */
export interface MetricValue {
  value: number;
  /** present only with compare=previous */
  previous?: number;
  /** (value - previous) / previous; null when previous is 0 */
  change?: number | null;
}

export interface AnalyticsRange {
  /** ISO 8601, UTC */
  from: string;
  to: string;
  tz: string;
  linkId: string | null;
}

export interface OverviewResponse {
  range: AnalyticsRange;
  previousRange?: AnalyticsRange;
  clicks: MetricValue;
  profileViews: MetricValue;
  uniqueVisitors: MetricValue;
  /** clicks from the profile page / profile views; null when there were no views */
  ctr: { value: number | null; previous?: number | null; change?: number | null };
  botHits: MetricValue;
}

export interface TimeseriesPoint {
  /** bucket start, ISO 8601 with the zone's offset, e.g. 2026-03-29T00:00:00+02:00 */
  t: string;
  clicks: number;
  profileViews: number;
  botHits: number;
}

export interface TimeseriesResponse {
  range: AnalyticsRange;
  interval: TimeseriesInterval;
  points: TimeseriesPoint[];
  /** the previous period, bucket by bucket (same count as points), with compare=previous */
  previous?: TimeseriesPoint[];
}

export interface BreakdownRow {
  /** the dimension's value: 'instagram', 'DE', 'mobile', a link id for by=link, 'unknown'… */
  value: string;
  /** for by=link: the slug and title; for by=country: the country's English name */
  label?: string;
  clicks: number;
  profileViews: number;
  previousClicks?: number;
  previousProfileViews?: number;
}

export interface BreakdownResponse {
  range: AnalyticsRange;
  by: BreakdownDimension;
  rows: BreakdownRow[];
  /** everything beyond `limit`, summed */
  other: { clicks: number; profileViews: number; values: number };
  total: { clicks: number; profileViews: number };
}

export interface TimePatternsResponse {
  range: AnalyticsRange;
  /** 7 rows (Monday = 0 … Sunday = 6) × 24 columns (hour of day in tz), clicks + profile views */
  matrix: number[][];
  previous?: number[][];
}

/** One event on the live stream (`GET /analytics/live`, SSE `data:` line). */
export interface LiveEvent {
  id: string;
  kind: 'click' | 'view';
  at: string;
  linkId: string | null;
  source: string;
  country: string;
  device: string;
}

// ---------------------------------------------------------------------------------------------
// Account, links, profile, tokens, reports

export interface Me {
  id: string;
  email: string;
  username: string;
  timezone: string;
  createdAt: string;
}

export interface Link {
  id: string;
  slug: string;
  url: string;
  title: string | null;
  onProfile: boolean;
  expiresAt: string | null;
  fallbackUrl: string | null;
  tags: string[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** e.g. http://localhost:3000/abc1234 */
  shortUrl: string;
}

export interface LinkInput {
  url: string;
  slug?: string;
  title?: string | null;
  onProfile?: boolean;
  expiresAt?: string | null;
  fallbackUrl?: string | null;
  tags?: string[];
}

export type LinkPatch = Partial<LinkInput> & { archived?: boolean };

export const PROFILE_THEMES = ['light', 'dark', 'sunset', 'ocean', 'forest'] as const;
export type ProfileTheme = (typeof PROFILE_THEMES)[number];

export interface ProfileLink {
  linkId: string;
  position: number;
  visible: boolean;
  slug: string;
  title: string | null;
  url: string;
}

export interface Profile {
  username: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: ProfileTheme;
  links: ProfileLink[];
  publicUrl: string;
}

export interface ProfileInput {
  title: string;
  bio: string;
  avatarUrl: string | null;
  theme: ProfileTheme;
  links: { linkId: string; position: number; visible: boolean }[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** shown once */
  token: string;
  createdAt: string;
}

export type ReportStatus = 'queued' | 'running' | 'ready' | 'failed';

export interface Report {
  id: string;
  status: ReportStatus;
  from: string;
  to: string;
  tz: string;
  linkId: string | null;
  scheduleId: string | null;
  createdAt: string;
  readyAt: string | null;
}

export interface ReportSchedule {
  id: string;
  frequency: 'weekly' | 'monthly';
  /** 1 = Monday … 7 = Sunday; null for monthly */
  dayOfWeek: number | null;
  hour: number;
  tz: string;
  createdAt: string;
}

export interface ReportScheduleInput {
  frequency: 'weekly' | 'monthly';
  dayOfWeek?: number;
  hour: number;
  tz: string;
}

export interface Items<T> {
  items: T[];
}

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}
