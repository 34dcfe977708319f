/**
 * Response shapes of the analytics API (SPEC section 4). The API, the PDF reports and the
 * dashboard all read these; a number shown anywhere is one of these fields.
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
  /** bots by name (rows count bot hits only: clicks and profile views exclude bots) */
  'bot',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** Every breakdown of people: all but bots (a funnel's or a segment's `by`). */
export const HUMAN_DIMENSIONS = BREAKDOWN_DIMENSIONS.filter(
  (dimension): dimension is Exclude<BreakdownDimension, 'bot'> => dimension !== 'bot',
);
export type HumanDimension = (typeof HUMAN_DIMENSIONS)[number];

/** Dimensions a drill-down filter may name (query parameter = dimension): every breakdown but link and bot. */
export const FILTER_DIMENSIONS = BREAKDOWN_DIMENSIONS.filter(
  (dimension): dimension is Exclude<BreakdownDimension, 'link' | 'bot'> => dimension !== 'link' && dimension !== 'bot',
);
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** The longest range one analytics call (or report) may ask for, in days; the previous period of a comparison comes on top. */
export const MAX_RANGE_DAYS = 400;

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

/** Money in a currency's minor units (cents): revenue is reported per currency, never converted. */
export interface MoneyAmount {
  /** ISO 4217 */
  currency: string;
  amount: number;
}

/** A ratio (CTR, conversion rate, revenue per click): null when its denominator is 0. */
export interface RatioMetric {
  value: number | null;
  previous?: number | null;
  /** (value − previous) / previous; null when either is null or previous is 0 */
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
  ctr: RatioMetric;
  botHits: MetricValue;
  /** conversions of the range (by the time of the conversion), attributed or not */
  leads: MetricValue;
  sales: MetricValue;
  /** per currency, the creator's currency first, then by amount */
  revenue: (MetricValue & { currency: string })[];
  /** leads / clicks */
  conversionRate: RatioMetric;
  /** revenue / clicks, per currency (minor units per click) */
  revenuePerClick: (RatioMetric & { currency: string })[];
}

export interface TimeseriesPoint {
  /** bucket start, ISO 8601 with the zone's offset, e.g. 2026-03-29T00:00:00+02:00 */
  t: string;
  clicks: number;
  profileViews: number;
  botHits: number;
  leads: number;
  sales: number;
  revenue: MoneyAmount[];
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
  /** bot hits with this value (they are never clicks or views) */
  botHits?: number;
  previousClicks?: number;
  previousProfileViews?: number;
  previousBotHits?: number;
  /** the attributed conversions with this value (unattributed ones are in the totals only) */
  leads: number;
  sales: number;
  revenue: MoneyAmount[];
  /** leads / clicks of this value; null without clicks */
  conversionRate: number | null;
  previousLeads?: number;
  previousSales?: number;
  previousRevenue?: MoneyAmount[];
}

/** Leads, sales and revenue of some conversions. */
export interface ConversionTotals {
  leads: number;
  sales: number;
  revenue: MoneyAmount[];
}

export interface BreakdownResponse {
  range: AnalyticsRange;
  by: BreakdownDimension;
  rows: BreakdownRow[];
  /** everything beyond `limit`, summed */
  other: { clicks: number; profileViews: number; values: number; botHits?: number } & ConversionTotals;
  /** every event and conversion of the range, unattributed conversions included */
  total: { clicks: number; profileViews: number; botHits?: number } & ConversionTotals;
}

export const FUNNEL_STEPS = ['view', 'click', 'lead', 'sale'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelStepCount {
  step: FunnelStep;
  count: number;
  /** count / the step before's count; null for the first step, or when the step before is 0 */
  rateFromPrevious: number | null;
  /** count / the first step's count; null when that is 0 */
  rateFromFirst: number | null;
  /** with compare=previous */
  previous?: number;
  change?: number | null;
}

export interface FunnelResponse {
  range: AnalyticsRange;
  previousRange?: AnalyticsRange;
  steps: FunnelStepCount[];
  /** with by=: the dimension, and the funnel of each of its top values (by the first step's count) */
  by?: BreakdownDimension;
  rows?: { value: string; label?: string; steps: FunnelStepCount[] }[];
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
  kind: 'click' | 'view' | 'lead' | 'sale';
  at: string;
  /** a conversion's: its click's link; null when unattributed */
  linkId: string | null;
  /** a conversion's: its click's; 'unattributed' when it has no click */
  source: string;
  country: string;
  device: string;
  /** sales: minor units of `currency` */
  amount?: number;
  currency?: string;
}
