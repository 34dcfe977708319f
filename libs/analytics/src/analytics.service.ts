import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AnalyticsRange,
  BreakdownDimension,
  BreakdownResponse,
  BreakdownRow,
  MetricValue,
  OverviewResponse,
  TimePatternsResponse,
  TimeseriesInterval,
  TimeseriesPoint,
  TimeseriesResponse,
} from '@app/common';
import { MAX_RANGE_DAYS } from '@app/common';
import { CreatorsRepository, LinksRepository } from '@app/db';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidLimitError, InvalidRangeError, InvalidTimeZoneError, LinkNotFoundError } from './analytics.errors.js';
import { AnalyticsRepository, type Counts, type Scope, zeroCounts } from './analytics.repository.js';
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
}

export function metric(value: number, previous?: number): MetricValue {
  if (previous === undefined) return { value };
  return { value, previous, change: previous === 0 ? null : (value - previous) / previous };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The numbers of the analytics API, the dashboard and the reports. Every answer is computed in one
 * snapshot of rollups, dirty hours and raw events, so it equals a recount of the raw events.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: AnalyticsRepository,
    private readonly links: LinksRepository,
    private readonly creators: CreatorsRepository,
  ) {}

  async overview(query: AnalyticsQuery): Promise<OverviewResponse> {
    return this.inSnapshot(query, async (ctx) => {
      const bounds = ctx.compare ? [ctx.previousFrom, ctx.from, ctx.to] : [ctx.from, ctx.to];
      const [counts, visitors, pageViews] = [
        await this.counts(ctx, ctx.scope, bounds),
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
      return {
        range: ctx.range,
        ...(ctx.previousRange ? { previousRange: ctx.previousRange } : {}),
        clicks: metric(current.clicks, previous?.clicks),
        profileViews: metric(current.views, previous?.views),
        uniqueVisitors: metric(at(visitors, 0) as number, ctx.compare ? visitors[0] : undefined),
        ctr:
          previousCtr === undefined
            ? { value: ctr }
            : {
                value: ctr,
                previous: previousCtr,
                change: ctr === null || !previousCtr ? null : (ctr - previousCtr) / previousCtr,
              },
        botHits: metric(current.botHits, previous?.botHits),
      };
    });
  }

  async timeseries(query: AnalyticsQuery, interval: TimeseriesInterval): Promise<TimeseriesResponse> {
    return this.inSnapshot(query, async (ctx) => {
      const current = this.buckets(ctx.clock, ctx.from, ctx.to, interval);
      const previous = ctx.compare ? this.previousBuckets(ctx.clock, ctx.from, ctx.to, interval, current.bounds.length) : null;
      const bounds = previous ? [...previous.bounds, ...current.bounds.slice(1)] : current.bounds;
      const counts = await this.counts(ctx, ctx.scope, bounds);
      const point = (start: number, c: Counts): TimeseriesPoint => ({
        t: ctx.clock.iso(start),
        clicks: c.clicks,
        profileViews: c.views,
        botHits: c.botHits,
      });
      const offset = previous ? previous.bounds.length - 1 : 0;
      return {
        range: ctx.range,
        interval,
        points: current.starts.map((start, i) => point(start, counts[offset + i])),
        ...(previous ? { previous: previous.starts.map((start, i) => point(start, counts[i])) } : {}),
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
      const plan = planTiers(bounds, ctx.dirtyHours, AnalyticsRepository.breakdownReach(ctx.scope, by));
      const rows = await this.repository.breakdownByBucket(ctx.tx, ctx.scope, by, bounds, plan);
      const totals = await this.counts(ctx, ctx.scope, bounds);
      const currentBucket = ctx.compare ? 1 : 0;
      const current = new Map<string, Counts>();
      const previous = new Map<string, Counts>();
      for (const row of rows) (row.bucket === currentBucket ? current : previous).set(row.value, row.counts);

      const ranked = [...current].sort(
        ([va, a], [vb, b]) =>
          b.clicks + b.views - (a.clicks + a.views) || b.botHits - a.botHits || (va < vb ? -1 : va > vb ? 1 : 0),
      );
      const top = ranked.slice(0, limit);
      const rest = ranked.slice(limit);
      const labels = await this.labels(
        ctx,
        by,
        top.map(([value]) => value),
      );
      const breakdownRows = top.map(([value, c]): BreakdownRow => {
        const before = ctx.compare ? (previous.get(value) ?? zeroCounts()) : null;
        return {
          value,
          ...(labels.has(value) ? { label: labels.get(value) } : {}),
          clicks: c.clicks,
          profileViews: c.views,
          botHits: c.botHits,
          ...(before
            ? { previousClicks: before.clicks, previousProfileViews: before.views, previousBotHits: before.botHits }
            : {}),
        };
      });
      const total = totals[currentBucket];
      return {
        range: ctx.range,
        by,
        rows: breakdownRows,
        other: {
          clicks: rest.reduce((sum, [, c]) => sum + c.clicks, 0),
          profileViews: rest.reduce((sum, [, c]) => sum + c.views, 0),
          values: rest.length,
          botHits: rest.reduce((sum, [, c]) => sum + c.botHits, 0),
        },
        total: { clicks: total.clicks, profileViews: total.views, botHits: total.botHits },
      };
    });
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
    };
  }

  private counts(ctx: Context, scope: Scope, bounds: number[]): Promise<Counts[]> {
    const plan = planTiers(bounds, ctx.dirtyHours, AnalyticsRepository.reachOf(scope));
    return this.repository.countsByBucket(ctx.tx, scope, bounds, plan);
  }

  private async labels(ctx: Context, by: BreakdownDimension, values: string[]): Promise<Map<string, string>> {
    if (by === 'country') return new Map(values.map((value) => [value, countryName(value)]));
    if (by !== 'link') return new Map();
    const links = await this.links.labels(ctx.scope.creatorId, values, ctx.tx);
    return new Map(
      values.map((value) => {
        const link = links.get(value);
        return [value, link ? (link.title ? `${link.title} (/${link.slug})` : `/${link.slug}`) : '(deleted link)'];
      }),
    );
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
