import { Injectable } from '@nestjs/common';
import { DIMENSION_SQL } from '@app/analytics';
import { MAX_PATH_STEPS, type SegmentDimension, type StepType } from '@app/common';
import type { EntityManager } from 'typeorm';

/** A visit's place in the newest-first order: its first step, then its visitor id. */
export interface VisitKey {
  visitorId: string;
  /** the visit's day: 1-based index into the day bounds it was found with */
  day: number;
  start: number;
}

/** Where one visit's steps are read: a visitor id over one day (cut to the range). */
export interface VisitSpan {
  visitorId: string;
  from: number;
  to: number;
}

/** A view, click, lead or sale of the visit `visit` (index into the spans asked). */
export interface StepRow {
  visit: number;
  type: StepType;
  at: Date;
  /** a lead or sale: its click's time */
  clickAt: Date | null;
  linkId: string | null;
  source: string | null;
  country: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  eventName: string | null;
  amount: string | null;
  currency: string | null;
}

export interface PathCountRow {
  /** 'view', 'lead', 'sale' or the clicked link's id */
  steps: string[];
  visits: number;
  continued: number;
  paths: number;
  total: number;
}

export interface SegmentCountRow {
  current: boolean;
  value: string;
  viewed: number;
  clicked: number;
  converted: number;
}

/** A range's visits are hashed by visitor id and day: room for a month of a busy creator's in memory, not on disk. */
const GROUPING_MEMORY = "SELECT set_config('work_mem', '64MB', true)";

const timestamps = (bounds: number[]): Date[] => bounds.map((at) => new Date(at));

/**
 * A visit's steps as rows of (visitor_id, d, at, rank, kind, link_id[, value]) over `[$2, $3)`:
 * people's views and clicks (the narrow events_visits_idx), and the conversions attributed to those
 * clicks, found by their click's time (conversions_visit_idx) and placed no earlier than it. `d` is
 * the day, width_bucket over the day bounds `$4`; `rank` orders a view before a click before a lead
 * before a sale at the same instant.
 */
function visitStepsSql(value = ''): string {
  return `
    SELECT e.visitor_id, width_bucket(e.occurred_at, $4::timestamptz[]) AS d, e.occurred_at AS at,
           CASE e.kind WHEN 'view' THEN 0 ELSE 1 END AS rank, e.kind, e.link_id${value ? `, ${value} AS value` : ''}
      FROM events e
     WHERE e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND NOT e.is_bot
    UNION ALL
    SELECT c.visitor_id, width_bucket(c.click_at, $4::timestamptz[]), greatest(c.occurred_at, c.click_at),
           CASE c.kind WHEN 'lead' THEN 2 ELSE 3 END, c.kind, NULL::uuid${value ? ', NULL::text' : ''}
      FROM conversions c
     WHERE c.creator_id = $1 AND c.click_at >= $2 AND c.click_at < $3 AND c.click_id IS NOT NULL`;
}

/**
 * The SQL of journeys: visits are grouped from the raw events and conversions of the range asked,
 * never stored. All run inside the caller's snapshot transaction.
 */
@Injectable()
export class JourneysRepository {
  /**
   * The newest visits (by first step, then visitor id, descending) whose day is one of the days
   * `lo`…`hi` of `dayBounds`, older than `before` when given: at most `limit`.
   */
  async visitKeys(
    tx: EntityManager,
    creatorId: string,
    dayBounds: number[],
    lo: number,
    hi: number,
    before: { start: number; visitorId: string } | null,
    limit: number,
  ): Promise<VisitKey[]> {
    const rows: { visitor_id: string; d: number; start: Date }[] = await tx.query(
      `SELECT e.visitor_id, width_bucket(e.occurred_at, $4::timestamptz[]) AS d, min(e.occurred_at) AS start
         FROM events e
        WHERE e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND NOT e.is_bot
        GROUP BY 1, 2
       HAVING $5::timestamptz IS NULL OR (min(e.occurred_at), e.visitor_id) < ($5::timestamptz, $6::text)
        ORDER BY start DESC, e.visitor_id DESC
        LIMIT $7`,
      [
        creatorId,
        new Date(dayBounds[lo - 1]),
        new Date(dayBounds[hi]),
        timestamps(dayBounds),
        before ? new Date(before.start) : null,
        before?.visitorId ?? null,
        limit,
      ],
    );
    return rows.map((row) => ({ visitorId: row.visitor_id, day: row.d, start: row.start.getTime() }));
  }

  /** The views and clicks of each span, and the conversions attributed to those clicks. */
  async steps(tx: EntityManager, creatorId: string, spans: VisitSpan[]): Promise<StepRow[]> {
    if (spans.length === 0) return [];
    const rows: (Omit<StepRow, 'amount'> & { amount: string | null })[] = await tx.query(
      `WITH v AS (
         SELECT * FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS v(visitor_id, f, t, i)
       )
       SELECT v.i - 1 AS visit, e.kind AS type, e.occurred_at AS at, NULL::timestamptz AS "clickAt", e.link_id AS "linkId", e.source, e.country,
              e.device, e.browser, e.os, NULL AS "eventName", NULL AS amount, NULL AS currency
         FROM v JOIN events e
           ON e.creator_id = $1 AND e.visitor_id = v.visitor_id AND e.occurred_at >= v.f AND e.occurred_at < v.t AND NOT e.is_bot
              -- the spans' overall bounds, known when planning: only their months' partitions are read
              AND e.occurred_at >= $5 AND e.occurred_at < $6
       UNION ALL
       SELECT v.i - 1, c.kind, c.occurred_at, c.click_at, c.link_id, c.source, c.country, c.device, c.browser, c.os,
              c.event_name, c.amount::text, c.currency
         FROM v JOIN conversions c
           ON c.creator_id = $1 AND c.click_id IS NOT NULL AND c.visitor_id = v.visitor_id AND c.click_at >= v.f AND c.click_at < v.t`,
      [
        creatorId,
        spans.map((span) => span.visitorId),
        spans.map((span) => new Date(span.from)),
        spans.map((span) => new Date(span.to)),
        new Date(Math.min(...spans.map((span) => span.from))),
        new Date(Math.max(...spans.map((span) => span.to))),
      ],
    );
    return rows.map((row) => ({ ...row, visit: Number(row.visit) }));
  }

  /**
   * The most common paths of the visits of [dayBounds[0], last bound): each visit's steps in order,
   * repeats in a row merged, cut to MAX_PATH_STEPS; with the number of paths and visits in all.
   */
  async pathCounts(tx: EntityManager, creatorId: string, dayBounds: number[], limit: number): Promise<PathCountRow[]> {
    await tx.query(GROUPING_MEMORY);
    return tx.query(
      `WITH steps AS (${visitStepsSql()}),
       -- ids and step names are ASCII: byte order ("C") sorts them as any collation would, twice as fast
       named AS (
         SELECT visitor_id COLLATE "C" AS visitor_id, d, at, rank,
                (CASE kind WHEN 'click' THEN link_id::text ELSE kind END) COLLATE "C" AS step
           FROM steps
       ),
       fresh AS (
         SELECT visitor_id, d, step, step IS DISTINCT FROM lag(step) OVER (PARTITION BY visitor_id, d ORDER BY at, rank, step) AS fresh
           FROM named
       ),
       -- the window's output is in step order, and aggregates take their input in the order it comes:
       -- one sort for both (an ORDER BY in array_agg would sort every visit again)
       visits AS (
         SELECT array_agg(step) AS steps FROM fresh WHERE fresh GROUP BY visitor_id, d
       ),
       counted AS (
         SELECT steps[1:${MAX_PATH_STEPS}] AS steps, count(*)::int AS visits,
                count(*) FILTER (WHERE cardinality(steps) > ${MAX_PATH_STEPS})::int AS continued
           FROM visits GROUP BY 1
       )
       SELECT steps, visits, continued, (count(*) OVER ())::int AS paths, (sum(visits) OVER ())::int AS total
         FROM counted ORDER BY visits DESC, steps LIMIT $5`,
      [creatorId, new Date(dayBounds[0]), new Date(dayBounds[dayBounds.length - 1]), timestamps(dayBounds), limit],
    );
  }

  /**
   * Visits per segment, for the days up to index `previousDays` (the previous period) and after
   * (the current one); with `by`, per value of the visit's first view or click (by=link: first
   * link clicked), '' where none.
   */
  async segmentCounts(
    tx: EntityManager,
    creatorId: string,
    dayBounds: number[],
    previousDays: number,
    by: SegmentDimension | null,
  ): Promise<SegmentCountRow[]> {
    await tx.query(GROUPING_MEMORY);
    const value =
      by === null
        ? "''"
        : by === 'link'
          ? "coalesce((array_agg(link_id::text ORDER BY at, rank, link_id) FILTER (WHERE kind = 'click'))[1], '')"
          : "coalesce((array_agg(value ORDER BY at, rank, value) FILTER (WHERE rank < 2))[1], '')";
    return tx.query(
      `WITH steps AS (${visitStepsSql(by === null || by === 'link' ? '' : DIMENSION_SQL[by])}),
       visits AS (
         SELECT d > $5 AS current, ${value} AS value,
                bool_or(kind IN ('lead', 'sale')) AS converted, bool_or(kind = 'click') AS clicked
           FROM steps GROUP BY visitor_id, d
       )
       SELECT current, value,
              count(*) FILTER (WHERE NOT clicked AND NOT converted)::int AS viewed,
              count(*) FILTER (WHERE clicked AND NOT converted)::int AS clicked,
              count(*) FILTER (WHERE converted)::int AS converted
         FROM visits GROUP BY 1, 2`,
      [creatorId, new Date(dayBounds[0]), new Date(dayBounds[dayBounds.length - 1]), timestamps(dayBounds), previousDays],
    );
  }
}
