import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, FILTER_DIMENSIONS, type FilterDimension } from '@app/common';

/** The `link_id` of rollup rows that cover every event of a creator (every link, the profile, bots). */
export const ALL_LINKS = '00000000-0000-0000-0000-000000000000';

/** The pseudo-dimension whose single value ('') holds the totals. */
export const TOTAL = 'total';

/**
 * What each breakdown dimension's value is, as SQL over `events e`: the one definition the
 * rollup job, the raw recounts and the drill-down filters share. A NULL value means the event
 * has no value for the dimension (a profile view has no link, a person has no bot name) and is
 * left out of that breakdown. Missing referrers and UTM fields are the empty string.
 */
export const DIMENSION_SQL: Record<BreakdownDimension, string> = {
  source: 'e.source',
  referrer: "coalesce(e.referrer_host, '')",
  utm_source: "coalesce(e.utm_source, '')",
  utm_medium: "coalesce(e.utm_medium, '')",
  utm_campaign: "coalesce(e.utm_campaign, '')",
  country: 'e.country',
  region: 'e.region',
  city: 'e.city',
  device: 'e.device',
  browser: 'e.browser',
  os: 'e.os',
  link: 'e.link_id::text',
  via: 'e.via',
  bot: "CASE WHEN e.is_bot THEN coalesce(e.bot_name, 'unknown') END",
};

/**
 * The same over `conversions e`: a conversion has its click's values when it is attributed, and
 * none (it is in no row of any breakdown, only in the totals) when not. Bots never convert.
 */
export const CONVERSION_DIMENSION_SQL = Object.fromEntries(
  BREAKDOWN_DIMENSIONS.map((dimension) => [
    dimension,
    dimension === 'bot' ? 'NULL::text' : `CASE WHEN e.attributed THEN ${DIMENSION_SQL[dimension]} END`,
  ]),
) as Record<BreakdownDimension, string>;

/** Every dimension stored in the rollups, the totals included. */
export const ROLLUP_DIMENSIONS: string[] = [TOTAL, ...BREAKDOWN_DIMENSIONS];

export type Filters = Partial<Record<FilterDimension, string>>;
export { FILTER_DIMENSIONS, type FilterDimension };

/** The counters every rollup row and raw recount produce, as SQL aggregates over `events e`. */
export const COUNT_SQL = {
  clicks: "count(*) FILTER (WHERE e.kind = 'click' AND NOT e.is_bot)",
  views: "count(*) FILTER (WHERE e.kind = 'view' AND NOT e.is_bot)",
  bot_hits: 'count(*) FILTER (WHERE e.is_bot)',
  profile_clicks: "count(*) FILTER (WHERE e.kind = 'click' AND e.via = 'profile' AND NOT e.is_bot)",
} as const;

/** The counter columns of every rollup table and every read of them: COUNT_SQL's names, in its order. */
export const COUNTERS = Object.keys(COUNT_SQL) as (keyof typeof COUNT_SQL)[];

/**
 * A LATERAL list of an event's (dimension, value) for the given dimensions, one row each, for
 * `CROSS JOIN LATERAL ${dimensionRows(…)} AS alias(dimension, value)`.
 */
export function dimensionRows(dimensions: readonly BreakdownDimension[], options: { total?: boolean } = {}): string {
  const rows = dimensions.map((dimension) => `('${dimension}', ${DIMENSION_SQL[dimension]})`);
  return `(VALUES ${[...(options.total ? [`('${TOTAL}', '')`] : []), ...rows].join(', ')})`;
}

/**
 * One pass over events that counts every dimension at once: `GROUP BY GROUPING SETS` with one set
 * per dimension (plus the totals), each extended by `keys`, hashed in memory. `dimension` and
 * `value` are SELECT expressions naming each output row's set and value (NULL value: no value,
 * to be skipped). With `perLink`, every set but the link dimension's is repeated per link, and
 * `link` is the row's link id (NULL for the sets over all links, and for profile views).
 */
export function groupingByDimension(
  keys: string[],
  options: { perLink?: boolean } = {},
): { groupBy: string; dimension: string; value: string; link: string } {
  const expressions = BREAKDOWN_DIMENSIONS.map((dimension) => DIMENSION_SQL[dimension]);
  const all = (1 << expressions.length) - 1;
  const grouping = `grouping(${expressions.join(', ')})`;
  // grouping() sets a bit for each argument the row is NOT grouped by; the last argument is bit 0
  const mask = (i: number): number => all & ~(1 << (expressions.length - 1 - i));
  const setsOf = (prefix: string[], skip: string | null) => [
    `(${prefix.join(', ')})`,
    ...expressions.filter((expression) => expression !== skip).map((expression) => `(${[...prefix, expression].join(', ')})`),
  ];
  const sets = [...setsOf(keys, null), ...(options.perLink ? setsOf([...keys, 'e.link_id'], DIMENSION_SQL.link) : [])];
  return {
    groupBy: `GROUPING SETS (${sets.join(', ')})`,
    dimension: `CASE ${grouping} WHEN ${all} THEN '${TOTAL}' ${BREAKDOWN_DIMENSIONS.map((d, i) => `WHEN ${mask(i)} THEN '${d}'`).join(' ')} END`,
    value: `CASE ${grouping} WHEN ${all} THEN '' ${expressions.map((expression, i) => `WHEN ${mask(i)} THEN ${expression}`).join(' ')} END`,
    link: options.perLink ? 'CASE WHEN grouping(e.link_id) = 0 THEN e.link_id END' : 'NULL::uuid',
  };
}

/**
 * The drill-down pairs in one hashed pass over rows with a column per breakdown dimension (named
 * as the dimension) and the counters, such as `dimensionColumns()` groups them: `GROUP BY
 * GROUPING SETS` with one set per unordered pair of dimensions of which one at least is a filter
 * dimension (each pair is hashed once and read in both directions). `a`, `aValue`, `b`, `bValue`
 * are SELECT expressions naming each output row's two dimensions and values.
 */
export function groupingByPair(): { groupBy: string; a: string; aValue: string; b: string; bValue: string } {
  const dimensions = BREAKDOWN_DIMENSIONS;
  const filters = new Set<string>(FILTER_DIMENSIONS);
  const all = (1 << dimensions.length) - 1;
  const bit = (i: number): number => 1 << (dimensions.length - 1 - i);
  const pairs: [number, number][] = [];
  for (let i = 0; i < dimensions.length; i++)
    for (let j = i + 1; j < dimensions.length; j++)
      if (filters.has(dimensions[i]) || filters.has(dimensions[j])) pairs.push([i, j]);
  const grouping = `grouping(${dimensions.map((dimension) => `x.${dimension}`).join(', ')})`;
  const pick = (side: 0 | 1, value: boolean): string =>
    `CASE ${grouping} ${pairs
      .map(
        (pair) =>
          `WHEN ${all & ~bit(pair[0]) & ~bit(pair[1])} THEN ${value ? `x.${dimensions[pair[side]]}` : `'${dimensions[pair[side]]}'`}`,
      )
      .join(' ')} END`;
  return {
    groupBy: `GROUPING SETS (${pairs.map(([i, j]) => `(x.${dimensions[i]}, x.${dimensions[j]})`).join(', ')})`,
    a: pick(0, false),
    aValue: pick(0, true),
    b: pick(1, false),
    bValue: pick(1, true),
  };
}

/** Every breakdown dimension's value of an event `e` as a column named for the dimension. */
export function dimensionColumns(): string {
  return BREAKDOWN_DIMENSIONS.map((dimension) => `${DIMENSION_SQL[dimension]} AS ${dimension}`).join(', ');
}
