import { Injectable } from '@nestjs/common';
import { type AnalyticsQuery, AnalyticsService, InvalidLimitError, metric, type ZoneClock } from '@app/analytics';
import {
  DEFAULT_JOURNEYS_LIMIT,
  DEFAULT_PATHS_LIMIT,
  type JourneysResponse,
  MAX_JOURNEYS_LIMIT,
  MAX_PATHS_LIMIT,
  type PathsResponse,
  type PathStep,
  type SegmentCounts,
  type SegmentDimension,
  type SegmentRow,
  type SegmentsResponse,
  type Visit,
} from '@app/common';
import { linkLabel, LinksRepository } from '@app/db';
import type { EntityManager } from 'typeorm';
import { JourneysRepository, type VisitSpan } from './journeys.repository.js';
import { decodeCursor, encodeCursor, type PageCursor } from './page-cursor.js';
import { buildVisits, linkIdsOf, type VisitPlace } from './visit.builder.js';

export const DEFAULT_SEGMENT_ROWS = 10;
export const MAX_SEGMENT_ROWS = 100;
/** How much further back the next read for a page of visits looks, in days, when the last found none. */
const WINDOW_GROWTH = 4;

/** [from, to) cut at the zone's midnights: the bounds of the days a visit can belong to. */
export function dayBounds(clock: ZoneClock, from: number, to: number): number[] {
  return [from, ...clock.boundaries(from, to, 'day'), to];
}

/** The local date (YYYY-MM-DD) of the day that starts at `start`. */
export const dayLabel = (clock: ZoneClock, start: number): string => clock.iso(start).slice(0, 10);

export function checkLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new InvalidLimitError(`limit must be an integer from 1 to ${max}`);
  return limit;
}

const zero = (): SegmentCounts => ({ visits: 0, viewed: 0, clicked: 0, converted: 0 });

function add(counts: SegmentCounts, row: { viewed: number; clicked: number; converted: number }): void {
  counts.viewed += row.viewed;
  counts.clicked += row.clicked;
  counts.converted += row.converted;
  counts.visits += row.viewed + row.clicked + row.converted;
}

/**
 * Visits (SPEC section 9): one visitor id's views, clicks and the conversions of those clicks, on
 * one day of the zone asked. Read from the raw events and conversions in the snapshot of
 * AnalyticsService, so they agree with every other number of the same range.
 */
@Injectable()
export class JourneysService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly repository: JourneysRepository,
    private readonly links: LinksRepository,
  ) {}

  /** The visits of the range, newest first by their first step, a page at a time. */
  async journeys(query: AnalyticsQuery, limit = DEFAULT_JOURNEYS_LIMIT, cursor?: string): Promise<JourneysResponse> {
    checkLimit(limit, MAX_JOURNEYS_LIMIT);
    const before = cursor === undefined ? null : decodeCursor(cursor);
    return this.analytics.inSnapshot(query, async (ctx) => {
      const days = dayBounds(ctx.clock, ctx.from, ctx.to);
      // a visit lies within one day: reading whole days, newest first, finds whole visits. Each read
      // covers as many days as the visits still wanted need at the density just seen (a quarter
      // more), or four times the last when it found none
      let hi = before ? dayIndex(days, before.at) : days.length - 1;
      const keys = [];
      for (let span = 1; hi >= 1 && keys.length <= limit;) {
        const lo = Math.max(1, hi - span + 1);
        const found = await this.repository.visitKeys(
          ctx.tx,
          ctx.scope.creatorId,
          days,
          lo,
          hi,
          before && { start: before.at, visitorId: before.id },
          limit + 1 - keys.length,
        );
        keys.push(...found);
        hi = lo - 1;
        const wanted = limit + 1 - keys.length;
        span = found.length > 0 ? Math.ceil((span * wanted * 1.25) / found.length) : span * WINDOW_GROWTH;
      }
      const page = keys.slice(0, limit);
      const visits = await this.visits(
        ctx.tx,
        ctx.scope.creatorId,
        page.map((key) => ({
          visitorId: key.visitorId,
          day: dayLabel(ctx.clock, days[key.day - 1]),
          from: days[key.day - 1],
          to: days[key.day],
        })),
      );
      const last = page[page.length - 1];
      return {
        range: ctx.range,
        visits,
        nextCursor: keys.length > limit ? encodeCursor({ at: last.start, id: last.visitorId } satisfies PageCursor) : null,
      };
    });
  }

  /** The most common step sequences of the range's visits. */
  async paths(query: AnalyticsQuery, limit = DEFAULT_PATHS_LIMIT): Promise<PathsResponse> {
    checkLimit(limit, MAX_PATHS_LIMIT);
    return this.analytics.inSnapshot(query, async (ctx) => {
      const rows = await this.repository.pathCounts(ctx.tx, ctx.scope.creatorId, dayBounds(ctx.clock, ctx.from, ctx.to), limit);
      const linkIds = [...new Set(rows.flatMap((row) => row.steps.filter((step) => !['view', 'lead', 'sale'].includes(step))))];
      const labels = await this.links.labels(ctx.scope.creatorId, linkIds, ctx.tx);
      const step = (token: string): PathStep =>
        token === 'view' || token === 'lead' || token === 'sale'
          ? { type: token, linkId: null, link: null }
          : { type: 'click', linkId: token, link: linkLabel(labels.get(token)) };
      const total = rows[0]?.total ?? 0;
      const shown = rows.reduce((sum, row) => sum + row.visits, 0);
      return {
        range: ctx.range,
        totalVisits: total,
        paths: rows.map((row) => ({ steps: row.steps.map(step), visits: row.visits, continued: row.continued })),
        other: { visits: total - shown, paths: (rows[0]?.paths ?? 0) - rows.length },
      };
    });
  }

  /** Visits that only viewed, clicked, or converted; optionally by the dimension of their first step. */
  async segments(
    query: AnalyticsQuery,
    by: SegmentDimension | null = null,
    limit = DEFAULT_SEGMENT_ROWS,
  ): Promise<SegmentsResponse> {
    checkLimit(limit, MAX_SEGMENT_ROWS);
    return this.analytics.inSnapshot(query, async (ctx) => {
      const previousDays = ctx.compare ? dayBounds(ctx.clock, ctx.previousFrom, ctx.from) : [ctx.from];
      const bounds = [...previousDays, ...dayBounds(ctx.clock, ctx.from, ctx.to).slice(1)];
      const rows = await this.repository.segmentCounts(ctx.tx, ctx.scope.creatorId, bounds, previousDays.length - 1, by);
      const totals = { current: zero(), previous: zero() };
      const values = { current: new Map<string, SegmentCounts>(), previous: new Map<string, SegmentCounts>() };
      for (const row of rows) {
        const period = row.current ? 'current' : 'previous';
        add(totals[period], row);
        const counts = values[period].get(row.value) ?? zero();
        add(counts, row);
        values[period].set(row.value, counts);
      }
      const change = (key: keyof SegmentCounts) => metric(totals.current[key], ctx.compare ? totals.previous[key] : undefined);
      return {
        range: ctx.range,
        ...(ctx.previousRange ? { previousRange: ctx.previousRange } : {}),
        visits: change('visits'),
        viewed: change('viewed'),
        clicked: change('clicked'),
        converted: change('converted'),
        ...(by === null ? {} : await this.segmentRows(ctx.tx, ctx.scope.creatorId, by, limit, values, ctx.compare)),
      };
    });
  }

  private async segmentRows(
    tx: EntityManager,
    creatorId: string,
    by: SegmentDimension,
    limit: number,
    values: { current: Map<string, SegmentCounts>; previous: Map<string, SegmentCounts> },
    compare: boolean,
  ): Promise<Pick<SegmentsResponse, 'by' | 'rows' | 'other'>> {
    const ranked = [...values.current].sort(([va, a], [vb, b]) => b.visits - a.visits || (va < vb ? -1 : va > vb ? 1 : 0));
    const top = ranked.slice(0, limit);
    const other = { ...zero(), values: ranked.length - top.length };
    for (const [, counts] of ranked.slice(limit)) add(other, counts);
    const labels = await this.analytics.labelsOf(
      creatorId,
      by,
      top.map(([value]) => value),
      tx,
    );
    const rows = top.map(([value, counts]): SegmentRow => ({
      value,
      ...(labels.has(value) ? { label: labels.get(value) } : {}),
      ...counts,
      ...(compare ? { previous: values.previous.get(value) ?? zero() } : {}),
    }));
    return { by, rows, other };
  }

  /** The visits of the spans, in their order, with their steps and links named. */
  async visits(tx: EntityManager, creatorId: string, spans: (VisitSpan & VisitPlace)[]): Promise<Visit[]> {
    const rows = await this.repository.steps(tx, creatorId, spans);
    const ids = linkIdsOf(rows);
    const links = await this.links.labels(creatorId, ids, tx);
    return buildVisits(spans, rows, new Map(ids.map((id) => [id, linkLabel(links.get(id))])));
  }
}

/** The 1-based index of the day of `days` holding `at`: 0 before the first, the last day after the last. */
function dayIndex(days: number[], at: number): number {
  let index = 0;
  while (index < days.length - 1 && days[index] <= at) index++;
  return index;
}
