/**
 * Response shapes of journeys, paths, segments and customers (SPEC section 9). Types and
 * constants only: the dashboard imports this file as it is.
 */
import { type AnalyticsRange, HUMAN_DIMENSIONS, type MetricValue } from './analytics.types.js';

export const STEP_TYPES = ['view', 'click', 'lead', 'sale'] as const;
export type StepType = (typeof STEP_TYPES)[number];

/** The longest path `GET /analytics/paths` tells apart; longer visits are counted under their first steps. */
export const MAX_PATH_STEPS = 5;
export const DEFAULT_JOURNEYS_LIMIT = 20;
export const MAX_JOURNEYS_LIMIT = 100;
export const DEFAULT_PATHS_LIMIT = 10;
export const MAX_PATHS_LIMIT = 50;

/** What a visit did, the furthest it went: saw the profile only, clicked, or converted (a lead or a sale). */
export const SEGMENTS = ['viewed', 'clicked', 'converted'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Dimensions a segment breakdown can group visits by: every breakdown but bots (visits are people's). */
export const SEGMENT_DIMENSIONS = HUMAN_DIMENSIONS;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** One thing a visitor did. */
export interface JourneyStep {
  type: StepType;
  /** ISO 8601, UTC */
  at: string;
  /** the link clicked (a lead or sale: the link of the click it belongs to); null for a profile view */
  linkId: string | null;
  /** the link's title and slug, `(deleted link)` when it is gone; null for a profile view */
  link: string | null;
  /** where the view or click came from (a conversion: its click's source); null for unattributed conversions */
  source: string | null;
  /** leads and sales: the event name given to the tracking API */
  eventName?: string;
  /** sales: minor units of `currency` */
  amount?: number;
  currency?: string;
}

/** One visitor id's steps of one day of the zone asked. */
export interface Visit {
  /** opaque, stable for the same visitor, day and zone */
  id: string;
  /** the visit's day in `tz`, YYYY-MM-DD */
  day: string;
  /** first and last step, ISO 8601 UTC */
  start: string;
  end: string;
  segment: Segment;
  /** of the visit's first view or click */
  source: string;
  country: string;
  device: string;
  browser: string;
  os: string;
  /** oldest first; a conversion never precedes its click */
  steps: JourneyStep[];
}

export interface JourneysResponse {
  range: AnalyticsRange;
  /** newest first (by the visit's first step) */
  visits: Visit[];
  /** pass as `cursor` for the next (older) page; null on the last page */
  nextCursor: string | null;
}

export interface PathStep {
  type: StepType;
  linkId: string | null;
  link: string | null;
}

export interface PathRow {
  /** the visit's first steps (at most MAX_PATH_STEPS), repeats in a row merged */
  steps: PathStep[];
  visits: number;
  /** of those visits, how many went on beyond the steps shown */
  continued: number;
}

export interface PathsResponse {
  range: AnalyticsRange;
  /** every visit of the range: the rows plus `other` */
  totalVisits: number;
  /** most visits first */
  paths: PathRow[];
  other: { visits: number; paths: number };
}

export interface SegmentCounts {
  visits: number;
  viewed: number;
  clicked: number;
  converted: number;
}

export interface SegmentRow extends SegmentCounts {
  /** the value of the visit's first view or click ('' where none); by=link: the first link clicked */
  value: string;
  label?: string;
  /** with compare=previous */
  previous?: SegmentCounts;
}

export interface SegmentsResponse {
  range: AnalyticsRange;
  previousRange?: AnalyticsRange;
  /** viewed + clicked + converted = visits */
  visits: MetricValue;
  viewed: MetricValue;
  clicked: MetricValue;
  converted: MetricValue;
  /** with by= */
  by?: SegmentDimension;
  /** with by=: the values with most visits first, at most `limit` */
  rows?: SegmentRow[];
  /** with by=: the rest, summed */
  other?: SegmentCounts & { values: number };
}

export interface Revenue {
  currency: string;
  /** minor units */
  amount: number;
}

export interface CustomerSummary {
  customerId: string;
  /** ISO 8601: the customer's first conversion */
  firstSeenAt: string;
  /** the lead that tied the customer to a click; null when none is attributed */
  leadAt: string | null;
  /** the link of that click */
  linkId: string | null;
  link: string | null;
  leads: number;
  sales: number;
  /** per currency, the creator's currency first */
  revenue: Revenue[];
}

export interface CustomersResponse {
  /** newest first (by firstSeenAt) */
  customers: CustomerSummary[];
  nextCursor: string | null;
}

export interface CustomerResponse extends CustomerSummary {
  /** the visits of the clicks the customer's conversions belong to, oldest first, each in the zone asked */
  visits: Visit[];
  /** conversions tied to no click, oldest first */
  unattributed: JourneyStep[];
}
