import type { EnrichedHit } from './hit.types.js';

/** A column of a bulk insert: its name and the PostgreSQL type of its unnest() array. */
export type InsertColumn = readonly [name: string, type: string];

/** The fields of a visit that the events and the conversions attributed to it both store. */
export type VisitDimensions = Pick<
  EnrichedHit,
  | 'visitorId'
  | 'source'
  | 'referrerHost'
  | 'utmSource'
  | 'utmMedium'
  | 'utmCampaign'
  | 'utmTerm'
  | 'utmContent'
  | 'country'
  | 'region'
  | 'city'
  | 'device'
  | 'browser'
  | 'os'
  | 'via'
>;

const VISIT_DIMENSIONS = [
  ['visitor_id', 'visitorId'],
  ['source', 'source'],
  ['referrer_host', 'referrerHost'],
  ['utm_source', 'utmSource'],
  ['utm_medium', 'utmMedium'],
  ['utm_campaign', 'utmCampaign'],
  ['utm_term', 'utmTerm'],
  ['utm_content', 'utmContent'],
  ['country', 'country'],
  ['region', 'region'],
  ['city', 'city'],
  ['device', 'device'],
  ['browser', 'browser'],
  ['os', 'os'],
  ['via', 'via'],
] as const satisfies readonly (readonly [string, keyof VisitDimensions])[];

/** The visit's columns, in the order of visitDimensionValues; all of them text. */
export const VISIT_DIMENSION_COLUMNS: readonly InsertColumn[] = VISIT_DIMENSIONS.map(([name]) => [name, 'text'] as const);

export function visitDimensionValues(visit: VisitDimensions | null): unknown[] {
  return VISIT_DIMENSIONS.map(([, field]) => (visit === null ? null : visit[field]));
}

/** `unnest($1::uuid[], …) AS u(a, …)`: one array parameter per column, the way batches are inserted. */
export function unnestColumns(columns: readonly InsertColumn[], offset = 0): string {
  const arrays = columns.map(([, type], i) => `$${offset + i + 1}::${type}[]`).join(', ');
  return `unnest(${arrays}) AS u(${columns.map(([name]) => name).join(', ')})`;
}

/** Rows of values turned into the per-column arrays unnestColumns takes. */
export function columnArrays(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, column) => rows.map((row) => row[column]));
}
