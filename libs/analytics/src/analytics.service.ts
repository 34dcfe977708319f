import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AnalyticsRange,
  BreakdownDimension,
  BreakdownResponse,
  BreakdownRow,
  ConversionTotals,
  FunnelResponse,
  FunnelStep,
  FunnelStepCount,
  MetricValue,
  MoneyAmount,
  OverviewResponse,
  RatioMetric,
  TimePatternsResponse,
  TimeseriesInterval,
  TimeseriesPoint,
  TimeseriesResponse,
} from '@app/common';
import { FUNNEL_STEPS, MAX_RANGE_DAYS } from '@app/common';
import { CreatorsRepository, linkLabel, LinksRepository } from '@app/db';
import { DataSource, type EntityManager } from 'typeorm';
import {
  InvalidFunnelError,
  InvalidLimitError,
  InvalidRangeError,
  InvalidTimeZoneError,
  LinkNotFoundError,
} from './analytics.errors.js';
import { AnalyticsRepository, type Counts, type Scope, zeroCounts } from './analytics.repository.js';
import {
  addConversions,
  ConversionAnalyticsRepository,
  type ConversionCounts,
  zeroConversions,
} from './conversion-analytics.repository.js';
import { countryName } from './country-names.js';
import type { Filters } from './dimensions.js';
import { DAY, planTiers, planVisitors } from './time-plan.js';
import { ZoneClock } from './zone-clock.js';

export { MAX_RANGE_DAYS };
/** Ranges must lie within these years (no creator has data before; zone data before is unreliable). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * Every read here is keyed by (creator, time) and served by an index; the newest partition's
 * statistics lag behind its data, and the planner then may scan a whole month in parallel (with
 * JIT compilation on top) to read an hour. Both are off for these transactions.
 */
export const SHORT_QUERY_SETTINGS = "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)";

export const DEFAULT_BREAKDOWN_LIMIT = 10;
export const MAX_BREAKDOWN_LIMIT = 100;

export interface AnalyticsQuery {
  creatorId: string;
  /** epoch milliseconds; the range is [from, to) */
  from: number;
  to: number;
  /** IANA zone; the creator's when absent */
  tz?: string;
  linkId?: string | null;
  filters?: Filters;
  compare?: boolean;
}

/** One question's consistent view: a read-only REPEATABLE READ snapshot and what it needs. */
interface Context {
  tx: EntityManager;
  scope: Scope;
  clock: ZoneClock;
  range: AnalyticsRange;
  previousRange?: AnalyticsRange;
  from: number;
  to: number;
  /** start of the previous period (= from without a comparison) */
  previousFrom: number;
  compare: boolean;
  dirtyHours: number[];
  /** the hours whose conversions are not in the conversion rollups yet */
  conversionDirtyHours: number[];
  /** the creator's currency: its revenue is listed first */
  currency: string;
}

/** A value's clicks, views and bot hits, and its conversions, in one bucket. */
interface ValueCounts {
  counts: Counts;
  conversions: ConversionCounts;
}

export function metric(value: number, previous?: number): MetricValue {
  if (previous === undefined) return { value };
  return { value, previous, change: previous === 0 ? null : (value - previous) / previous };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function ratioMetric(value: number | null, previous?: number | null): RatioMetric {
  if (previous === undefined) return { value };
  return { value, previous, change: value === null || !previous ? null : (value - previous) / previous };
}

/** Revenue per currency: the creator's currency first, then the largest amounts, then by code. */
export function moneyOf(revenue: Map<string, number>, mainCurrency: string): MoneyAmount[] {
  return [...revenue]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort(
      (a, b) =>
        Number(b.currency === mainCurrency) - Number(a.currency === mainCurrency) ||
        b.amount - a.amount ||
        (a.currency < b.currency ? -1 : 1),
    );
}

const totalsOf = (c: ConversionCounts, mainCurrency: string): ConversionTotals => ({
  leads: c.leads,
  sales: c.sales,
  revenue: moneyOf(c.revenue, mainCurrency),
});

/** A funnel step's count in a bucket. */
function stepCount(step: FunnelStep, { counts, conversions }: ValueCounts): number {
  if (step === 'view') return counts.views;
  if (step === 'click') return counts.clicks;
  return step === 'lead' ? conversions.leads : conversions.sales;
}

/** Each step's count, its rates from the step before and the first, and the previous period's count. */
export function funnelSteps(steps: FunnelStep[], current: ValueCounts, previous?: ValueCounts): FunnelStepCount[] {
  const counts = steps.map((step) => stepCount(step, current));
  return steps.map((step, i) => ({
    step,
    count: counts[i],
    rateFromPrevious: i === 0 ? null : ratio(counts[i], counts[i - 1]),
    rateFromFirst: ratio(counts[i], counts[0]),
    ...(previous ? metricChange(counts[i], stepCount(step, previous)) : {}),
  }));
}

const metricChange = (value: number, previous: number) => {
  const { previous: before, change } = metric(value, previous);
  return { previous: before, change };
};

/** The funnel steps asked (`view,click,lead,sale` by default): known, each once, in the funnel's order. */
export function validFunnelSteps(steps: string[] | undefined): FunnelStep[] {
  if (steps === undefined) return [...FUNNEL_STEPS];
  const known = steps.map((step) => {
    const index = FUNNEL_STEPS.indexOf(step as FunnelStep);
    if (index < 0) throw new InvalidFunnelError(`steps must be among ${FUNNEL_STEPS.join(', ')}`);
    return index;
  });
  if (known.length < 2) throw new InvalidFunnelError('a funnel has at least 2 steps');
  if (known.some((index, i) => i > 0 && index <= known[i - 1]))
    throw new InvalidFunnelError(`steps must be in the funnel's order, each once: ${FUNNEL_STEPS.join(', ')}`);
  return known.map((index) => FUNNEL_STEPS[index]);
}

/**
 * The numbers of the analytics API, the dashboard and the reports. Every answer is computed in one
 * snapshot of rollups, dirty hours and raw events, so it equals a recount of the raw events.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: AnalyticsRepository,
    private readonly conversionRepository: ConversionAnalyticsRepository,
    private readonly links: LinksRepository,
    private readonly creators: CreatorsRepository,
  ) {}

  async overview(query: AnalyticsQuery): Promise<OverviewResponse> {
    return this.inSnapshot(query, async (ctx) => {
      const bounds = ctx.compare ? [ctx.previousFrom, ctx.from, ctx.to] : [ctx.from, ctx.to];
      const [counts, conversions, visitors, pageViews] = [
        await this.counts(ctx, ctx.scope, bounds),
        await this.conversions(ctx, ctx.scope, bounds),
        await this.repository.visitorsByBucket(
          ctx.tx,
          ctx.scope,
          bounds,
          planVisitors(bounds, ctx.dirtyHours, AnalyticsRepository.visitorReachOf(ctx.scope)),
        ),
        // CTR's denominator is the page's views: for one link, all views of the page (views have no link)
        ctx.scope.linkId === null ? null : (await this.counts(ctx, { ...ctx.scope, linkId: null }, bounds)).map((c) => c.views),
      ];
      const at = (bucket: Counts[] | number[], i: number) => bucket[ctx.compare ? i + 1 : i];
      const current = at(counts, 0) as Counts;
      const previous = ctx.compare ? counts[0] : undefined;
      const views = (i: number): number => (pageViews ? pageViews[i] : counts[i].views);
      const ctr = ratio(current.profileClicks, views(ctx.compare ? 1 : 0));
      const previousCtr = previous ? ratio(previous.profileClicks, views(0)) : undefined;
      const converted = conversions[ctx.compare ? 1 : 0];
      const convertedBefore = ctx.compare ? conversions[0] : undefined;
      // every currency of either period, in the current period's order, then the previous one's
      const currencies = [
        ...new Set(
          [converted, convertedBefore ?? zeroConversions()].flatMap((c) =>
            moneyOf(c.revenue, ctx.currency).map((money) => money.currency),
          ),
        ),
      ];
      const revenueOf = (c: ConversionCounts | undefined, currency: string) => (c ? (c.revenue.get(currency) ?? 0) : undefined);
      return {
        range: ctx.range,
        ...(ctx.previousRange ? { previousRange: ctx.previousRange } : {}),
        clicks: metric(current.clicks, previous?.clicks),
        profileViews: metric(current.views, previous?.views),
        uniqueVisitors: metric(at(visitors, 0) as number, ctx.compare ? visitors[0] : undefined),
        ctr: ratioMetric(ctr, previousCtr),
        botHits: metric(current.botHits, previous?.botHits),
        leads: metric(converted.leads, convertedBefore?.leads),
        sales: metric(converted.sales, convertedBefore?.sales),
        revenue: currencies.map((currency) => ({
          currency,
          ...metric(revenueOf(converted, currency)!, revenueOf(convertedBefore, currency)),
        })),
        conversionRate: ratioMetric(
          ratio(converted.leads, current.clicks),
          previous ? ratio(convertedBefore!.leads, previous.clicks) : undefined,
        ),
        revenuePerClick: currencies.map((currency) => ({
          currency,
          ...ratioMetric(
            ratio(revenueOf(converted, currency)!, current.clicks),
            previous ? ratio(revenueOf(convertedBefore, currency)!, previous.clicks) : undefined,
          ),
        })),
      };
    });
  }

  async timeseries(query: AnalyticsQuery, interval: TimeseriesInterval): Promise<TimeseriesResponse> {
    return this.inSnapshot(query, async (ctx) => {
      const current = this.buckets(ctx.clock, ctx.from, ctx.to, interval);
      const previous = ctx.compare ? this.previousBuckets(ctx.clock, ctx.from, ctx.to, interval, current.bounds.length) : null;
      const bounds = previous ? [...previous.bounds, ...current.bounds.slice(1)] : current.bounds;
      const counts = await this.counts(ctx, ctx.scope, bounds);
      const conversions = await this.conversions(ctx, ctx.scope, bounds);
      const point = (start: number, i: number): TimeseriesPoint => ({
        t: ctx.clock.iso(start),
        clicks: counts[i].clicks,
        profileViews: counts[i].views,
        botHits: counts[i].botHits,
        ...totalsOf(conversions[i], ctx.currency),
      });
      const offset = previous ? previous.bounds.length - 1 : 0;
      return {
        range: ctx.range,
        interval,
        points: current.starts.map((start, i) => point(start, offset + i)),
        ...(previous ? { previous: previous.starts.map((start, i) => point(start, i)) } : {}),
      };
    });
  }

  /** [from, to) cut at the zone's calendar boundaries, with each bucket's calendar start. */
  private buckets(
    clock: ZoneClock,
    from: number,
    to: number,
    interval: TimeseriesInterval,
  ): { bounds: number[]; starts: number[] } {
    const inner = clock.boundaries(from, to, interval);
    return { bounds: [from, ...inner, to], starts: [clock.startOf(from, interval), ...inner] };
  }

  /**
   * The previous period [from − length, from), bucket by bucket. Cut at its own calendar
   * boundaries when that gives as many buckets as the current period (the usual case): those
   * bounds fall on whole quarter hours, so they are read from the rollups. Otherwise each current
   * bucket is moved back by the range's length, which may put many bounds inside quarter hours,
   * read from raw events.
   */
  private previousBuckets(
    clock: ZoneClock,
    from: number,
    to: number,
    interval: TimeseriesInterval,
    count: number,
  ): { bounds: number[]; starts: number[] } {
    const length = to - from;
    const aligned = this.buckets(clock, from - length, from, interval);
    if (aligned.bounds.length === count) return aligned;
    const shifted = this.buckets(clock, from, to, interval).bounds.map((at) => at - length);
    return { bounds: shifted, starts: shifted.slice(0, -1) };
  }

  async breakdown(query: AnalyticsQuery, by: BreakdownDimension, limit = DEFAULT_BREAKDOWN_LIMIT): Promise<BreakdownResponse> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BREAKDOWN_LIMIT) {
      throw new InvalidLimitError(`limit must be an integer from 1 to ${MAX_BREAKDOWN_LIMIT}`);
    }
    return this.inSnapshot(query, async (ctx) => {
      const bounds = ctx.compare ? [ctx.previousFrom, ctx.from, ctx.to] : [ctx.from, ctx.to];
      const [current, previous] = await this.byValue(ctx, by, bounds);
      const totals = await this.counts(ctx, ctx.scope, bounds);
      const totalConversions = await this.conversions(ctx, ctx.scope, bounds);
      const ranked = [...current].sort(
        ([va, a], [vb, b]) =>
          b.counts.clicks + b.counts.views - (a.counts.clicks + a.counts.views) ||
          b.counts.botHits - a.counts.botHits ||
          b.conversions.leads + b.conversions.sales - (a.conversions.leads + a.conversions.sales) ||
          (va < vb ? -1 : va > vb ? 1 : 0),
      );
      const top = ranked.slice(0, limit);
      const rest = ranked.slice(limit);
      const labels = await this.labelsOf(
        ctx.scope.creatorId,
        by,
        top.map(([value]) => value),
        ctx.tx,
      );
      const breakdownRows = top.map(([value, { counts: c, conversions: v }]): BreakdownRow => {
        const before = ctx.compare ? (previous.get(value) ?? { counts: zeroCounts(), conversions: zeroConversions() }) : null;
        return {
          value,
          ...(labels.has(value) ? { label: labels.get(value) } : {}),
          clicks: c.clicks,
          profileViews: c.views,
          botHits: c.botHits,
          ...(before
            ? {
                previousClicks: before.counts.clicks,
                previousProfileViews: before.counts.views,
                previousBotHits: before.counts.botHits,
              }
            : {}),
          ...totalsOf(v, ctx.currency),
          conversionRate: ratio(v.leads, c.clicks),
          ...(before
            ? {
                previousLeads: before.conversions.leads,
                previousSales: before.conversions.sales,
                previousRevenue: moneyOf(before.conversions.revenue, ctx.currency),
              }
            : {}),
        };
      });
      const currentBucket = ctx.compare ? 1 : 0;
      const total = totals[currentBucket];
      return {
        range: ctx.range,
        by,
        rows: breakdownRows,
        other: {
          clicks: rest.reduce((sum, [, c]) => sum + c.counts.clicks, 0),
          profileViews: rest.reduce((sum, [, c]) => sum + c.counts.views, 0),
          values: rest.length,
          botHits: rest.reduce((sum, [, c]) => sum + c.counts.botHits, 0),
          ...totalsOf(
            rest.reduce((sum, [, c]) => addConversions(sum, c.conversions), zeroConversions()),
            ctx.currency,
          ),
        },
        total: {
          clicks: total.clicks,
          profileViews: total.views,
          botHits: total.botHits,
          ...totalsOf(totalConversions[currentBucket], ctx.currency),
        },
      };
    });
  }

  /**
   * The funnel of a range: each step's count (views, clicks, leads, sales) and its rates; with
   * `by`, also per value of the dimension, the values with the most at the first step first.
   */
  async funnel(
    query: AnalyticsQuery,
    steps: FunnelStep[],
    by?: BreakdownDimension,
    limit = DEFAULT_BREAKDOWN_LIMIT,
  ): Promise<FunnelResponse> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BREAKDOWN_LIMIT) {
      throw new InvalidLimitError(`limit must be an integer from 1 to ${MAX_BREAKDOWN_LIMIT}`);
    }
    if (by === 'bot') throw new InvalidFunnelError('bots have no funnel: by may be any other dimension');
    if (steps[0] === 'view' && (by === 'link' || query.linkId))
      throw new InvalidFunnelError('profile views belong to no link: a funnel of links starts at the click step');
    return this.inSnapshot(query, async (ctx) => {
      const bounds = ctx.compare ? [ctx.previousFrom, ctx.from, ctx.to] : [ctx.from, ctx.to];
      const counts = await this.counts(ctx, ctx.scope, bounds);
      const conversions = await this.conversions(ctx, ctx.scope, bounds);
      const bucket = (i: number): ValueCounts => ({ counts: counts[i], conversions: conversions[i] });
      const answer: FunnelResponse = {
        range: ctx.range,
        ...(ctx.previousRange ? { previousRange: ctx.previousRange } : {}),
        steps: ctx.compare ? funnelSteps(steps, bucket(1), bucket(0)) : funnelSteps(steps, bucket(0)),
      };
      if (by === undefined) return answer;
      const [current, previous] = await this.byValue(ctx, by, bounds);
      const top = [...current]
        .map(([value, c]) => ({ value, c, first: stepCount(steps[0], c) }))
        .filter(({ c }) => steps.some((step) => stepCount(step, c) > 0))
        .sort((a, b) => b.first - a.first || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, limit);
      const labels = await this.labelsOf(
        ctx.scope.creatorId,
        by,
        top.map(({ value }) => value),
        ctx.tx,
      );
      const none: ValueCounts = { counts: zeroCounts(), conversions: zeroConversions() };
      return {
        ...answer,
        by,
        rows: top.map(({ value, c }) => ({
          value,
          ...(labels.has(value) ? { label: labels.get(value) } : {}),
          steps: funnelSteps(steps, c, ctx.compare ? (previous.get(value) ?? none) : undefined),
        })),
      };
    });
  }

  /**
   * Each value of a dimension's clicks, views, bot hits and conversions, in the current period
   * (the last bucket of `bounds`) and, with a comparison, the previous one (the first).
   */
  private async byValue(
    ctx: Context,
    by: BreakdownDimension,
    bounds: number[],
  ): Promise<[Map<string, ValueCounts>, Map<string, ValueCounts>]> {
    const plan = planTiers(bounds, ctx.dirtyHours, AnalyticsRepository.breakdownReach(ctx.scope, by));
    const rows = await this.repository.breakdownByBucket(ctx.tx, ctx.scope, by, bounds, plan);
    const conversionPlan = planTiers(
      bounds,
      ctx.conversionDirtyHours,
      ConversionAnalyticsRepository.breakdownReach(ctx.scope, by),
    );
    const converted = await this.conversionRepository.breakdownByBucket(ctx.tx, ctx.scope, by, bounds, conversionPlan);
    const periods: [Map<string, ValueCounts>, Map<string, ValueCounts>] = [new Map(), new Map()];
    const currentBucket = bounds.length - 2;
    const entry = (bucket: number, value: string): ValueCounts => {
      const map = periods[bucket === currentBucket ? 0 : 1];
      const found = map.get(value) ?? { counts: zeroCounts(), conversions: zeroConversions() };
      map.set(value, found);
      return found;
    };
    for (const row of rows) entry(row.bucket, row.value).counts = row.counts;
    for (const row of converted) entry(row.bucket, row.value).conversions = row.counts;
    return periods;
  }

  /**
   * Links' clicks in [from, to), by link id (links without clicks are absent). For every link of
   * the creator (`linkIds` absent): the creator's `link` dimension, hourly and daily rollups and
   * raw events for the rest. For the links named: their own totals, 15-minute rollups included.
   */
  async clicksPerLink(creatorId: string, from: number, to: number, linkIds?: string[]): Promise<Map<string, number>> {
    return this.inSnapshot({ creatorId, from, to, tz: 'UTC' }, async (ctx) => {
      const bounds = [from, to];
      if (linkIds) return this.repository.clicksOfLinks(ctx.tx, creatorId, linkIds, planTiers(bounds, ctx.dirtyHours, 'all'));
      const plan = planTiers(bounds, ctx.dirtyHours, AnalyticsRepository.breakdownReach(ctx.scope, 'link'));
      const rows = await this.repository.breakdownByBucket(ctx.tx, ctx.scope, 'link', bounds, plan);
      return new Map(rows.filter((row) => row.counts.clicks > 0).map((row) => [row.value, row.counts.clicks]));
    });
  }

  async timePatterns(query: AnalyticsQuery): Promise<TimePatternsResponse> {
    return this.inSnapshot(query, async (ctx) => {
      // cut at the zone's hours so every rollup row read lies inside one hour of its clock
      const hours = (from: number, to: number): number[] => [from, ...ctx.clock.boundaries(from, to, 'hour'), to];
      const cuts = ctx.compare
        ? [...hours(ctx.previousFrom, ctx.from), ...hours(ctx.from, ctx.to).slice(1)]
        : hours(ctx.from, ctx.to);
      const periods = ctx.compare ? [ctx.previousFrom, ctx.from, ctx.to] : [ctx.from, ctx.to];
      const plan = planTiers(cuts, ctx.dirtyHours, AnalyticsRepository.reachOf(ctx.scope));
      const cells = await this.repository.countsByLocalHour(
        ctx.tx,
        ctx.scope,
        periods,
        plan,
        ctx.clock.segments(periods[0], ctx.to),
      );
      const matrices = periods.slice(1).map(() => Array.from({ length: 7 }, () => new Array<number>(24).fill(0)));
      for (const { period, weekday, hour, counts } of cells) matrices[period][weekday][hour] += counts.clicks + counts.views;
      return {
        range: ctx.range,
        matrix: matrices[matrices.length - 1],
        ...(ctx.compare ? { previous: matrices[0] } : {}),
      };
    });
  }

  /** LinkNotFoundError unless the link is the creator's. */
  async assertLinkOf(creatorId: string, linkId: string): Promise<void> {
    if (!(await this.links.belongsTo(linkId, creatorId))) throw new LinkNotFoundError();
  }

  /** Validates a query and opens its snapshot: the shared start of every analytics call. */
  async inSnapshot<T>(query: AnalyticsQuery, work: (ctx: Context) => Promise<T>): Promise<T> {
    const { from, to } = validRange(query.from, query.to);
    if (query.tz !== undefined) validTimeZone(query.tz);
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await tx.query(SHORT_QUERY_SETTINGS);
      const ctx = await this.context(tx, query, from, to);
      return work(ctx);
    });
  }

  /** The range, zone, scope and dirty hours of a query, inside a transaction. */
  async context(tx: EntityManager, query: AnalyticsQuery, from: number, to: number): Promise<Context> {
    const tz = query.tz ?? (await this.creators.timeZoneOf(query.creatorId, tx)) ?? 'UTC';
    const linkId = query.linkId ?? null;
    if (linkId !== null && !(await this.links.belongsTo(linkId, query.creatorId, tx))) throw new LinkNotFoundError();
    const compare = query.compare === true;
    const previousFrom = compare ? from - (to - from) : from;
    const range = (start: number, end: number): AnalyticsRange => ({
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      tz,
      linkId,
    });
    return {
      tx,
      scope: { creatorId: query.creatorId, linkId, filters: query.filters ?? {} },
      clock: ZoneClock.of(validTimeZone(tz)),
      range: range(from, to),
      ...(compare ? { previousRange: range(previousFrom, from) } : {}),
      from,
      to,
      previousFrom,
      compare,
      dirtyHours: await this.repository.dirtyHours(tx, query.creatorId, previousFrom, to),
      conversionDirtyHours: await this.conversionRepository.dirtyHours(tx, query.creatorId, previousFrom, to),
      currency: await this.creators.currencyOf(query.creatorId, tx),
    };
  }

  private counts(ctx: Context, scope: Scope, bounds: number[]): Promise<Counts[]> {
    const plan = planTiers(bounds, ctx.dirtyHours, AnalyticsRepository.reachOf(scope));
    return this.repository.countsByBucket(ctx.tx, scope, bounds, plan);
  }

  private conversions(ctx: Context, scope: Scope, bounds: number[]): Promise<ConversionCounts[]> {
    const plan = planTiers(bounds, ctx.conversionDirtyHours, ConversionAnalyticsRepository.reachOf(scope));
    return this.conversionRepository.countsByBucket(ctx.tx, scope, bounds, plan);
  }

  /** What a breakdown shows beside values of `by`: a link's title and slug, a country's name. */
  async labelsOf(creatorId: string, by: BreakdownDimension, values: string[], tx: EntityManager): Promise<Map<string, string>> {
    if (by === 'country') return new Map(values.map((value) => [value, countryName(value)]));
    if (by !== 'link') return new Map();
    const links = await this.links.labels(creatorId, values, tx);
    return new Map(values.map((value) => [value, linkLabel(links.get(value))]));
  }
}

/** [from, to) as the API accepts it; InvalidRangeError otherwise. */
export function validRange(from: number, to: number): { from: number; to: number } {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new InvalidRangeError('from and to must be ISO 8601 date-times');
  if (from >= to) throw new InvalidRangeError('from must be before to');
  if (from < EARLIEST || to > LATEST) throw new InvalidRangeError('from and to must lie between the years 2000 and 2100');
  if (to - from > MAX_RANGE_DAYS * DAY) throw new InvalidRangeError(`the range may span at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

export function validTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    throw new InvalidTimeZoneError();
  }
}
