import { Injectable } from '@nestjs/common';
import type { BreakdownDimension } from '@app/common';
import type { EntityManager } from 'typeorm';
import { ALL_LINKS, COUNT_SQL, COUNTERS, DIMENSION_SQL, type Filters, FILTER_DIMENSIONS, TOTAL } from './dimensions.js';
import { HOUR, type Interval, type RollupReach, type TierPlan, type VisitorPlan } from './time-plan.js';
import type { OffsetSegment } from './zone-clock.js';

/** Which events a question is about: one creator's, optionally one link's, optionally filtered. */
export interface Scope {
  creatorId: string;
  linkId: string | null;
  filters: Filters;
}

export interface Counts {
  clicks: number;
  views: number;
  botHits: number;
  profileClicks: number;
}

export const zeroCounts = (): Counts => ({ clicks: 0, views: 0, botHits: 0, profileClicks: 0 });

/** The rollup rows that hold exactly a scope's events, when there are such rows, and in which tiers. */
interface RollupKey {
  linkId: string;
  dimension: string;
  value: string;
  reach: RollupReach;
}

/** Query parameters, numbered as they are added. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }

  /**
   * Rows whose `column` lies in one of the intervals (sorted, disjoint, not touching): a few as
   * ORed ranges the planner sees one by one; many within their overall bounds, a row kept when
   * width_bucket over the flattened [start, end, start, end …] puts it in an odd bucket (a start
   * before it, no end between): a binary search per row instead of a join.
   */
  ranges(column: string, intervals: Interval[]): string {
    const range = (start: number, end: number) =>
      `${column} >= ${this.add(new Date(start), 'timestamptz')} AND ${column} < ${this.add(new Date(end), 'timestamptz')}`;
    if (intervals.length <= FEW_INTERVALS) return `(${intervals.map(([start, end]) => `(${range(start, end)})`).join(' OR ')})`;
    const flat = this.add(
      intervals.flatMap(([start, end]) => [new Date(start), new Date(end)]),
      'timestamptz[]',
    );
    return `${range(intervals[0][0], intervals[intervals.length - 1][1])} AND width_bucket(${column}, ${flat}) % 2 = 1`;
  }
}

const FEW_INTERVALS = 12;
const RAW_COUNTS = COUNTERS.map((counter) => `${COUNT_SQL[counter]} AS ${counter}`).join(', ');
const SUMS = COUNTERS.map((counter) => `sum(${counter})::int AS ${counter}`).join(', ');
const ROLLUP_TABLES = {
  quarter: ['rollup_quarter', 'slot'],
  hour: ['rollup_hourly', 'hour'],
  day: ['rollup_daily', 'day'],
} as const;

interface CountRow {
  b: number;
  clicks: number;
  views: number;
  bot_hits: number;
  profile_clicks: number;
}

interface KeyedCountRow extends Omit<CountRow, 'b'> {
  k0: number;
  k1?: number;
  k2?: number;
}

const countsOf = (row: Omit<CountRow, 'b'>): Counts => ({
  clicks: row.clicks,
  views: row.views,
  botHits: row.bot_hits,
  profileClicks: row.profile_clicks,
});

/**
 * The SQL of the analytics: each question is one statement that adds up rollup rows for the
 * pieces a TierPlan gives them and raw events for the rest, bucketed with width_bucket over the
 * bucket bounds. All run inside the caller's snapshot transaction.
 */
@Injectable()
export class AnalyticsRepository {
  /** How far the rollups reach for a scope; see RollupReach. */
  static reachOf(scope: Scope): RollupReach {
    return rollupKeyOf(scope)?.reach ?? 'none';
  }

  /** How far the daily visitor counts reach: a link's are kept for its totals only. */
  static visitorReachOf(scope: Scope): RollupReach {
    const key = rollupKeyOf(scope);
    return !key || (key.linkId !== ALL_LINKS && key.dimension !== TOTAL) ? 'none' : key.reach;
  }

  /** How far the rollups reach for a breakdown; see breakdownKeyOf. */
  static breakdownReach(scope: Scope, by: BreakdownDimension): RollupReach {
    return breakdownKeyOf(scope, by)?.reach ?? 'none';
  }

  /** The UTC hours of [from, to) with events not in the rollups yet (pending or dirty), ascending. */
  async dirtyHours(tx: EntityManager, creatorId: string, from: number, to: number): Promise<number[]> {
    const rows: { hour: Date }[] = await tx.query(
      `SELECT hour FROM rollup_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3
        UNION
       SELECT hour FROM rollup_pending WHERE creator_id = $1 AND hour >= $2 AND hour < $3
        ORDER BY hour`,
      [creatorId, new Date(Math.floor(from / HOUR) * HOUR), new Date(to)],
    );
    return rows.map((row) => Math.floor(row.hour.getTime() / HOUR) * HOUR);
  }

  /** Clicks, views, bot hits and profile clicks per bucket (index 0 = [bounds[0], bounds[1])). */
  async countsByBucket(tx: EntityManager, scope: Scope, bounds: number[], plan: TierPlan): Promise<Counts[]> {
    const params = new Params();
    const bucketBounds = params.add(
      bounds.map((at) => new Date(at)),
      'timestamptz[]',
    );
    const rows = await this.counts(tx, scope, plan, params, (column) => ({
      keys: [`width_bucket(${column}, ${bucketBounds})`],
      join: '',
    }));
    const buckets = Array.from({ length: bounds.length - 1 }, zeroCounts);
    for (const row of rows) if (row.k0 >= 1 && row.k0 < bounds.length) buckets[row.k0 - 1] = countsOf(row);
    return buckets;
  }

  /**
   * Counts per period and (weekday, hour) of the zone's clock. Each rollup row lies inside one hour
   * of that clock (the plan was cut at its hours) and inside one stretch of constant offset, so its
   * start's local time places it; raw events are placed one by one.
   */
  async countsByLocalHour(
    tx: EntityManager,
    scope: Scope,
    periods: number[],
    plan: TierPlan,
    segments: OffsetSegment[],
  ): Promise<{ period: number; weekday: number; hour: number; counts: Counts }[]> {
    const params = new Params();
    const periodBounds = params.add(
      periods.map((at) => new Date(at)),
      'timestamptz[]',
    );
    const starts = params.add(
      segments.map((segment) => new Date(segment.start)),
      'timestamptz[]',
    );
    const ends = params.add(
      segments.map((segment) => new Date(segment.end)),
      'timestamptz[]',
    );
    const offsets = params.add(
      segments.map((segment) => segment.offset),
      'float8[]',
    );
    const rows = await this.counts(tx, scope, plan, params, (column) => {
      const local = `((${column} AT TIME ZONE 'UTC') + z.offset_ms * interval '1 millisecond')`;
      return {
        keys: [
          `width_bucket(${column}, ${periodBounds})`,
          `extract(isodow FROM ${local})::int - 1`,
          `extract(hour FROM ${local})::int`,
        ],
        join: `JOIN unnest(${starts}, ${ends}, ${offsets}) AS z(s, e, offset_ms) ON ${column} >= z.s AND ${column} < z.e`,
      };
    });
    return rows
      .filter((row) => row.k0 >= 1 && row.k0 < periods.length)
      .map((row) => ({ period: row.k0 - 1, weekday: row.k1!, hour: row.k2!, counts: countsOf(row) }));
  }

  /**
   * The counts of a scope grouped by keys computed from each row's time: rollup rows of the
   * plan's tiers summed, raw events counted, in one statement.
   */
  private async counts(
    tx: EntityManager,
    scope: Scope,
    plan: TierPlan,
    params: Params,
    keysOf: (timeColumn: string) => { keys: string[]; join: string },
  ): Promise<KeyedCountRow[]> {
    const creator = params.add(scope.creatorId, 'uuid');
    const parts: string[] = [];
    const select = (column: string): { keys: string; groupBy: string; join: string } => {
      const { keys, join } = keysOf(column);
      return { keys: keys.map((key, i) => `${key} AS k${i}`).join(', '), groupBy: keys.map((_, i) => i + 1).join(', '), join };
    };
    const rollupKey = rollupKeyOf(scope);
    for (const tier of ['quarter', 'hour', 'day'] as const) {
      if (plan[tier].length === 0) continue;
      if (!rollupKey) throw new Error(`no rollup holds this scope, yet the plan reads ${tier} rows`);
      const [table, column] = ROLLUP_TABLES[tier];
      const dimension =
        tier === 'quarter'
          ? ''
          : ` AND t.dimension = ${params.add(rollupKey.dimension)} AND t.value = ${params.add(rollupKey.value)}`;
      const where = params.ranges(`t.${column}`, plan[tier]);
      const keys = select(`t.${column}`);
      parts.push(`
        SELECT ${keys.keys}, ${SUMS}
          FROM ${table} t ${keys.join}
         WHERE t.creator_id = ${creator} AND t.link_id = ${params.add(rollupKey.linkId, 'uuid')}${dimension} AND ${where}
         GROUP BY ${keys.groupBy}`);
    }
    if (plan.raw.length > 0) {
      const where = params.ranges('e.occurred_at', plan.raw);
      const keys = select('e.occurred_at');
      parts.push(`
        SELECT ${keys.keys}, ${RAW_COUNTS}
          FROM events e ${keys.join}
         WHERE ${rawScope(scope, params, creator)} AND ${where}
         GROUP BY ${keys.groupBy}`);
    }
    if (parts.length === 0) return [];
    const columns = keysOf('t')
      .keys.map((_, i) => `k${i}`)
      .join(', ');
    return tx.query(`SELECT ${columns}, ${SUMS} FROM (${parts.join(' UNION ALL ')}) x GROUP BY ${columns}`, params.values);
  }

  /** Distinct visitors per bucket: per UTC day, summed (visitor ids change every UTC day). */
  async visitorsByBucket(tx: EntityManager, scope: Scope, bounds: number[], plan: VisitorPlan): Promise<number[]> {
    const params = new Params();
    const creator = params.add(scope.creatorId, 'uuid');
    const bucketBounds = params.add(
      bounds.map((at) => new Date(at)),
      'timestamptz[]',
    );
    const parts: string[] = [];
    if (plan.day.length > 0) {
      const key = rollupKeyOf(scope);
      if (!key) throw new Error('no rollup holds this scope, yet the plan reads daily visitors');
      const where = params.ranges('t.day', plan.day);
      parts.push(`
        SELECT width_bucket(t.day, ${bucketBounds}) AS b, t.visitors AS n
          FROM rollup_daily t
         WHERE t.creator_id = ${creator} AND t.link_id = ${params.add(key.linkId, 'uuid')}
           AND t.dimension = ${params.add(key.dimension)} AND t.value = ${params.add(key.value)} AND ${where}`);
    }
    if (plan.raw.length > 0) {
      const where = params.ranges('e.occurred_at', plan.raw);
      parts.push(`
        SELECT b, count(DISTINCT visitor_id) AS n FROM (
          SELECT width_bucket(e.occurred_at, ${bucketBounds}) AS b,
                 date_bin('1 day', e.occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day, e.visitor_id
            FROM events e
           WHERE ${rawScope(scope, params, creator)} AND ${where} AND NOT e.is_bot
        ) v GROUP BY b, day`);
    }
    const buckets = new Array<number>(bounds.length - 1).fill(0);
    if (parts.length === 0) return buckets;
    const rows: { b: number; n: number }[] = await tx.query(
      `SELECT b, sum(n)::int AS n FROM (${parts.join(' UNION ALL ')}) x GROUP BY b`,
      params.values,
    );
    for (const row of rows) if (row.b >= 1 && row.b < bounds.length) buckets[row.b - 1] = row.n;
    return buckets;
  }

  /** Counts per value of a dimension, per bucket. */
  async breakdownByBucket(
    tx: EntityManager,
    scope: Scope,
    by: BreakdownDimension,
    bounds: number[],
    plan: TierPlan,
  ): Promise<{ bucket: number; value: string; counts: Counts }[]> {
    const params = new Params();
    const creator = params.add(scope.creatorId, 'uuid');
    const bucketBounds = params.add(
      bounds.map((at) => new Date(at)),
      'timestamptz[]',
    );
    const parts: string[] = [];
    const key = breakdownKeyOf(scope, by);
    for (const tier of ['hour', 'day'] as const) {
      if (plan[tier].length === 0) continue;
      if (!key) throw new Error(`no rollup holds this breakdown, yet the plan reads ${tier} rows`);
      const [table, column] = key.drill ? ['rollup_drill_daily', 'day'] : ROLLUP_TABLES[tier];
      const rows = key.drill
        ? `t.filter = ${params.add(key.drill.filter)} AND t.filter_value = ${params.add(key.drill.value)}`
        : `t.link_id = ${params.add(key.linkId, 'uuid')}${key.value === undefined ? '' : ` AND t.value = ${params.add(key.value)}`}`;
      const where = params.ranges(`t.${column}`, plan[tier]);
      parts.push(`
        SELECT width_bucket(t.${column}, ${bucketBounds}) AS b, t.value, ${SUMS}
          FROM ${table} t
         WHERE t.creator_id = ${creator} AND ${rows} AND t.dimension = ${params.add(by)} AND ${where}
         GROUP BY 1, 2`);
    }
    if (plan.quarter.length > 0) throw new Error('breakdowns have no 15-minute rollup');
    if (plan.raw.length > 0) {
      const where = params.ranges('e.occurred_at', plan.raw);
      parts.push(`
        SELECT width_bucket(e.occurred_at, ${bucketBounds}) AS b, ${DIMENSION_SQL[by]} AS value, ${RAW_COUNTS}
          FROM events e
         WHERE ${rawScope(scope, params, creator)} AND ${where} AND ${DIMENSION_SQL[by]} IS NOT NULL
         GROUP BY 1, 2`);
    }
    if (parts.length === 0) return [];
    const rows: (CountRow & { value: string })[] = await tx.query(
      `SELECT b, value, ${SUMS} FROM (${parts.join(' UNION ALL ')}) x GROUP BY b, value`,
      params.values,
    );
    return rows
      .filter((row) => row.b >= 1 && row.b < bounds.length)
      .map((row) => ({ bucket: row.b - 1, value: row.value, counts: countsOf(row) }));
  }

  /**
   * The clicks of each of these links in [from, to) (links without clicks are absent): their own
   * total rows of each tier the plan reads, raw events for the rest. One index range per link and
   * tier, so the cost follows the number of links asked, not the creator's.
   */
  async clicksOfLinks(tx: EntityManager, creatorId: string, linkIds: string[], plan: TierPlan): Promise<Map<string, number>> {
    const params = new Params();
    const creator = params.add(creatorId, 'uuid');
    const links = params.add(linkIds, 'uuid[]');
    const parts: string[] = [];
    for (const tier of ['quarter', 'hour', 'day'] as const) {
      if (plan[tier].length === 0) continue;
      const [table, column] = ROLLUP_TABLES[tier];
      const total = tier === 'quarter' ? '' : ` AND t.dimension = '${TOTAL}' AND t.value = ''`;
      parts.push(`
        SELECT t.link_id, sum(t.clicks) AS clicks FROM ${table} t
         WHERE t.creator_id = ${creator} AND t.link_id = ANY(${links})${total} AND ${params.ranges(`t.${column}`, plan[tier])}
         GROUP BY 1`);
    }
    if (plan.raw.length > 0) {
      parts.push(`
        SELECT e.link_id, ${COUNT_SQL.clicks} AS clicks FROM events e
         WHERE e.creator_id = ${creator} AND e.link_id = ANY(${links}) AND ${params.ranges('e.occurred_at', plan.raw)}
         GROUP BY 1`);
    }
    if (parts.length === 0 || linkIds.length === 0) return new Map();
    const rows: { link_id: string; clicks: number }[] = await tx.query(
      `SELECT link_id, sum(clicks)::int AS clicks FROM (${parts.join(' UNION ALL ')}) x GROUP BY link_id HAVING sum(clicks) > 0`,
      params.values,
    );
    return new Map(rows.map((row) => [row.link_id, row.clicks]));
  }

  /** The statement of the CSV export: a scope's raw events in time order, with the link's slug. */
  exportSql(scope: Scope, from: number, to: number): { sql: string; params: unknown[] } {
    const params = new Params();
    const creator = params.add(scope.creatorId, 'uuid');
    const sql = `
      SELECT e.id, e.occurred_at, e.kind, e.link_id, l.slug AS link_slug, e.is_bot, e.bot_name, e.visitor_id, e.source,
             e.referrer_host, e.utm_source, e.utm_medium, e.utm_campaign, e.utm_term, e.utm_content,
             e.country, e.region, e.city, e.device, e.browser, e.os, e.via
        FROM events e LEFT JOIN links l ON l.id = e.link_id
       WHERE ${rawScope(scope, params, creator)} AND ${params.ranges('e.occurred_at', [[from, to]])}
       ORDER BY e.occurred_at, e.id`;
    return { sql, params: params.values };
  }
}

/** A scope's events in the rollups: (all links or the link, 'total' or the one filter's dimension, value), or none. */
export function rollupKeyOf(scope: Scope): RollupKey | null {
  const filters = FILTER_DIMENSIONS.filter((dimension) => scope.filters[dimension] !== undefined);
  const linkId = scope.linkId ?? ALL_LINKS;
  if (filters.length === 0) return { linkId, dimension: TOTAL, value: '', reach: 'all' };
  if (filters.length > 1) return null;
  return { linkId, dimension: filters[0], value: scope.filters[filters[0]]!, reach: scope.linkId === null ? 'hourly' : 'daily' };
}

/**
 * The rollup rows of a breakdown of a scope, and how far they reach: the creator's rows of the
 * dimension (hours and days); one link's (days); with one filter, the drill-down rows of that
 * filter value (days), or when the breakdown is by the filter's own dimension, that value's row.
 * Two filters, or a link and a filter: none (raw events).
 */
export function breakdownKeyOf(
  scope: Scope,
  by: BreakdownDimension,
): { linkId: string; value?: string; drill?: { filter: string; value: string }; reach: RollupReach } | null {
  const filters = FILTER_DIMENSIONS.filter((dimension) => scope.filters[dimension] !== undefined);
  if (filters.length === 0) {
    if (scope.linkId === null) return { linkId: ALL_LINKS, reach: 'hourly' };
    return by === 'link' ? null : { linkId: scope.linkId, reach: 'daily' };
  }
  if (filters.length > 1 || scope.linkId !== null) return null;
  const [filter] = filters;
  const value = scope.filters[filter]!;
  if (filter === by) return { linkId: ALL_LINKS, value, reach: 'hourly' };
  return { linkId: ALL_LINKS, drill: { filter, value }, reach: 'daily' };
}

/**
 * The WHERE clause selecting a scope's raw rows `e` (with the time condition of Params.ranges beside
 * it): events, or conversions with their own dimension SQL.
 */
export function rawScope(scope: Scope, params: Params, creator: string, dimensionSql = DIMENSION_SQL): string {
  const clauses = [`e.creator_id = ${creator}`];
  if (scope.linkId !== null) clauses.push(`e.link_id = ${params.add(scope.linkId, 'uuid')}`);
  for (const dimension of FILTER_DIMENSIONS) {
    const value = scope.filters[dimension];
    if (value !== undefined) clauses.push(`${dimensionSql[dimension]} = ${params.add(value)}`);
  }
  return clauses.join(' AND ');
}
