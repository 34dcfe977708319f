import { Injectable } from '@nestjs/common';
import type { BreakdownDimension } from '@app/common';
import type { EntityManager } from 'typeorm';
import { breakdownKeyOf, Params, rawScope, rollupKeyOf, type Scope } from './analytics.repository.js';
import { CONVERSION_DIMENSION_SQL } from './dimensions.js';
import { HOUR, type RollupReach, type TierPlan } from './time-plan.js';

/** Leads, sales and revenue (minor units per currency) of some conversions. */
export interface ConversionCounts {
  leads: number;
  sales: number;
  revenue: Map<string, number>;
}

export const zeroConversions = (): ConversionCounts => ({ leads: 0, sales: 0, revenue: new Map() });

/** Adds b's counts to a's. */
export function addConversions(a: ConversionCounts, b: ConversionCounts): ConversionCounts {
  const revenue = new Map(a.revenue);
  for (const [currency, amount] of b.revenue) revenue.set(currency, (revenue.get(currency) ?? 0) + amount);
  return { leads: a.leads + b.leads, sales: a.sales + b.sales, revenue };
}

const TABLES = { hour: ['conversion_rollup_hourly', 'hour'], day: ['conversion_rollup_daily', 'day'] } as const;
const RAW_SUMS = `count(*) FILTER (WHERE e.kind = 'lead') AS leads, count(*) FILTER (WHERE e.kind = 'sale') AS sales,
                  coalesce(sum(e.amount), 0) AS revenue`;
const ROLLUP_SUMS = 'sum(t.leads) AS leads, sum(t.sales) AS sales, sum(t.revenue) AS revenue';

interface SumRow {
  b: number;
  value?: string;
  currency: string;
  leads: number;
  sales: number;
  /** numeric: a string */
  revenue: string;
}

/** The rollup rows holding exactly a scope's conversions: the clicks' key, at most hourly (no 15-minute rollup). */
function conversionKeyOf(scope: Scope): { linkId: string; dimension: string; value: string; reach: RollupReach } | null {
  const key = rollupKeyOf(scope);
  return key && { ...key, reach: key.reach === 'all' ? 'hourly' : key.reach };
}

/**
 * The SQL of leads, sales and revenue: like AnalyticsRepository for clicks, each question is one
 * statement adding up the conversion rollups for the pieces a TierPlan gives them and the raw
 * conversions for the rest, bucketed with width_bucket over the bucket bounds.
 */
@Injectable()
export class ConversionAnalyticsRepository {
  static reachOf(scope: Scope): RollupReach {
    return conversionKeyOf(scope)?.reach ?? 'none';
  }

  static breakdownReach(scope: Scope, by: BreakdownDimension): RollupReach {
    return breakdownKeyOf(scope, by)?.reach ?? 'none';
  }

  /** The UTC hours of [from, to) whose conversions changed since they were rolled up, ascending. */
  async dirtyHours(tx: EntityManager, creatorId: string, from: number, to: number): Promise<number[]> {
    const rows: { hour: Date }[] = await tx.query(
      'SELECT hour FROM conversion_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3 ORDER BY hour',
      [creatorId, new Date(Math.floor(from / HOUR) * HOUR), new Date(to)],
    );
    return rows.map((row) => Math.floor(row.hour.getTime() / HOUR) * HOUR);
  }

  /** Leads, sales and revenue per bucket (index 0 = [bounds[0], bounds[1])). */
  async countsByBucket(tx: EntityManager, scope: Scope, bounds: number[], plan: TierPlan): Promise<ConversionCounts[]> {
    const key = conversionKeyOf(scope);
    const rows = await this.sums(tx, scope, bounds, plan, {
      rollupRows: (params) =>
        key &&
        `t.link_id = ${params.add(key.linkId, 'uuid')} AND t.dimension = ${params.add(key.dimension)} AND t.value = ${params.add(key.value)}`,
      rawValue: null,
    });
    const buckets = Array.from({ length: bounds.length - 1 }, zeroConversions);
    for (const row of rows) addRow(buckets[row.b - 1], row);
    return buckets;
  }

  /** Leads, sales and revenue per value of a dimension, per bucket (attributed conversions only: the others have no value). */
  async breakdownByBucket(
    tx: EntityManager,
    scope: Scope,
    by: BreakdownDimension,
    bounds: number[],
    plan: TierPlan,
  ): Promise<{ bucket: number; value: string; counts: ConversionCounts }[]> {
    if (by === 'bot') return [];
    const key = breakdownKeyOf(scope, by);
    const rows = await this.sums(tx, scope, bounds, plan, {
      rollupRows: (params) =>
        key &&
        (key.drill
          ? `t.filter = ${params.add(key.drill.filter)} AND t.filter_value = ${params.add(key.drill.value)} AND t.dimension = ${params.add(by)}`
          : `t.link_id = ${params.add(key.linkId, 'uuid')} AND t.dimension = ${params.add(by)}${key.value === undefined ? '' : ` AND t.value = ${params.add(key.value)}`}`),
      rawValue: CONVERSION_DIMENSION_SQL[by],
      drill: key?.drill !== undefined,
    });
    const byValue = new Map<string, { bucket: number; value: string; counts: ConversionCounts }>();
    for (const row of rows) {
      const id = `${row.b} ${row.value}`;
      const entry = byValue.get(id) ?? { bucket: row.b - 1, value: row.value!, counts: zeroConversions() };
      addRow(entry.counts, row);
      byValue.set(id, entry);
    }
    return [...byValue.values()];
  }

  /**
   * The statement of the conversions CSV export: a scope's conversions in time order, with the
   * link's slug (attributed conversions only have a link, so a link or filter leaves the others out).
   */
  exportSql(scope: Scope, from: number, to: number): { sql: string; params: unknown[] } {
    const params = new Params();
    const creator = params.add(scope.creatorId, 'uuid');
    const sql = `
      SELECT e.id, e.occurred_at, e.kind, e.event_name, e.event_id, e.invoice_id, e.customer_id, e.amount, e.currency,
             e.attributed, e.click_id, e.click_at, e.link_id, l.slug AS link_slug, e.visitor_id, e.source, e.referrer_host,
             e.utm_source, e.utm_medium, e.utm_campaign, e.utm_term, e.utm_content, e.country, e.region, e.city,
             e.device, e.browser, e.os, e.via, e.metadata
        FROM conversions e LEFT JOIN links l ON l.id = e.link_id
       WHERE ${rawScope(scope, params, creator, CONVERSION_DIMENSION_SQL)} AND ${params.ranges('e.occurred_at', [[from, to]])}
       ORDER BY e.occurred_at, e.id`;
    return { sql, params: params.values };
  }

  /**
   * Sums per (bucket[, value], currency): the rollup rows `rollupRows` selects in the plan's
   * tiers, raw conversions for the rest (grouped by `rawValue` too when given).
   */
  private async sums(
    tx: EntityManager,
    scope: Scope,
    bounds: number[],
    plan: TierPlan,
    select: { rollupRows: (params: Params) => string | null; rawValue: string | null; drill?: boolean },
  ): Promise<SumRow[]> {
    const params = new Params();
    const creator = params.add(scope.creatorId, 'uuid');
    const bucketBounds = params.add(
      bounds.map((at) => new Date(at)),
      'timestamptz[]',
    );
    const byValue = select.rawValue !== null;
    const parts: string[] = [];
    if (plan.quarter.length > 0) throw new Error('conversions have no 15-minute rollup');
    for (const tier of ['hour', 'day'] as const) {
      if (plan[tier].length === 0) continue;
      const rows = select.rollupRows(params);
      if (rows === null) throw new Error(`no conversion rollup holds this scope, yet the plan reads ${tier} rows`);
      // drill-down rows are daily (the plan of a 'daily' reach has no hours)
      const [table, column] = select.drill ? (['conversion_drill_daily', 'day'] as const) : TABLES[tier];
      parts.push(`
        SELECT width_bucket(t.${column}, ${bucketBounds}) AS b${byValue ? ', t.value' : ''}, t.currency, ${ROLLUP_SUMS}
          FROM ${table} t
         WHERE t.creator_id = ${creator} AND ${rows} AND ${params.ranges(`t.${column}`, plan[tier])}
         GROUP BY 1, 2${byValue ? ', 3' : ''}`);
    }
    if (plan.raw.length > 0) {
      parts.push(`
        SELECT width_bucket(e.occurred_at, ${bucketBounds}) AS b${byValue ? `, ${select.rawValue} AS value` : ''},
               coalesce(e.currency, '') AS currency, ${RAW_SUMS}
          FROM conversions e
         WHERE ${rawScope(scope, params, creator, CONVERSION_DIMENSION_SQL)} AND ${params.ranges('e.occurred_at', plan.raw)}
           ${byValue ? `AND ${select.rawValue} IS NOT NULL` : ''}
         GROUP BY 1, 2${byValue ? ', 3' : ''}`);
    }
    if (parts.length === 0) return [];
    const keys = byValue ? 'b, value, currency' : 'b, currency';
    const rows: SumRow[] = await tx.query(
      `SELECT ${keys}, sum(leads)::int AS leads, sum(sales)::int AS sales, sum(revenue) AS revenue
         FROM (${parts.join(' UNION ALL ')}) x GROUP BY ${keys}`,
      params.values,
    );
    return rows.filter((row) => row.b >= 1 && row.b < bounds.length);
  }
}

function addRow(counts: ConversionCounts, row: SumRow): void {
  counts.leads += row.leads;
  counts.sales += row.sales;
  if (row.currency !== '') counts.revenue.set(row.currency, (counts.revenue.get(row.currency) ?? 0) + Number(row.revenue));
}
