import { FILTER_DIMENSIONS, BREAKDOWN_DIMENSIONS } from '@app/common';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversionRollup } from './conversion-rollup.js';
import {
  ALL_LINKS,
  COUNT_SQL,
  COUNTERS,
  dimensionColumns,
  dimensionRows,
  groupingByDimension,
  groupingByPair,
  ROLLUP_DIMENSIONS,
  TOTAL,
} from './dimensions.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** date_bin origin: any UTC midnight makes the bins UTC hours and days whatever the session zone */
const ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
const COUNTS = Object.values(COUNT_SQL).join(', ');
const COUNTS_NAMED = Object.entries(COUNT_SQL)
  .map(([name, sql]) => `${sql} AS ${name}`)
  .join(', ');
const COLUMNS = COUNTERS.join(', ');
/** ON CONFLICT … DO UPDATE: the new events' counts are added to the row's (the target table is aliased t) */
const SUMS = COUNTERS.map((counter) => `sum(${counter})::int AS ${counter}`).join(', ');
const ADD_COUNTS = COUNTERS.map((counter) => `${counter} = t.${counter} + EXCLUDED.${counter}`).join(', ');
const WORK_MEM = '128MB';
/**
 * Visitor sets are kept for today and yesterday (UTC): new events of those days add only the
 * visitors the day had not seen. An event for an older day rebuilds its day from raw events.
 * Sets are dropped a day later than that, so a run never adds to a set being dropped.
 */
const VISITOR_SET_DAYS = 2;
/** The dimensions whose values have distinct visitors in the daily rollup (bots are no visitors). */
const VISITOR_DIMENSIONS = BREAKDOWN_DIMENSIONS.filter((dimension) => dimension !== 'bot');
/** Serialization failure, deadlock: the unit is left for the next run. */
const CONFLICTS = new Set(['40001', '40P01']);

/** The provider of RollupOptions (AnalyticsModule makes them from the configuration). */
export const ROLLUP_OPTIONS = Symbol('RollupOptions');

export interface RollupOptions {
  /** raw events older than this many days are gone (RAW_RETENTION_DAYS): their hours are never rebuilt */
  rawRetentionDays?: number;
}

export interface RollupRun {
  /** (creator, UTC day) units rolled */
  days: number;
  /** hours those units changed */
  hours: number;
  /** events read: the new events of a unit, or all of its day's when it was rebuilt */
  events: number;
  /** units another process was rolling at that moment (left for the next run) */
  busy: number;
  /** dirty marks and pending lists dropped because their raw events are past retention */
  expired: number;
  /** (creator, UTC day) units of conversions rolled (ConversionRollup) */
  conversionDays: number;
  /** the UTC hours each rolled unit changed (the alerts judge them again when they are past) */
  changed: { creatorId: string; hours: Date[] }[];
}

/** What one unit did, or null when another process holds it. */
type UnitResult = { hours: Date[]; events: number } | null;

/**
 * Keeps the rollups equal to the raw events, adding what changed since the last run.
 *
 * Two kinds of change reach a (creator, UTC day) unit: lists of new events (`rollup_pending`,
 * written with the events) and dirty hours (`rollup_dirty_hours`: a deleted link, a migration).
 * One REPEATABLE READ transaction per unit, under a per-(creator, day) advisory lock that a second
 * worker does not wait for, either
 * - adds the pending events to every rollup (counts added to the rows, visitors added for the
 *   (dimension, value, visitor) the day's visitor set did not hold): a cost proportional to the
 *   new events; or, when the day has dirty hours or is older than its visitor set,
 * - rebuilds the changed hours and the whole day from raw events;
 * then deletes the pending lists and dirty marks it saw. Its snapshot sees an event exactly when
 * it sees the list naming it (they commit together), so every event is added exactly once; events
 * committed meanwhile are in lists it did not see, left for the next run.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollup');
  private readonly conversions: ConversionRollup;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(ROLLUP_OPTIONS) private readonly options: RollupOptions = {},
  ) {
    this.conversions = new ConversionRollup(db);
  }

  /**
   * Rolls the units that have changes when the run starts, `concurrency` at a time. With
   * `untilClean` it lists again until nothing is left (the seeder and tests; a live system is
   * never clean for long).
   */
  async rollDirty(
    options: {
      concurrency?: number;
      deadline?: number;
      untilClean?: boolean;
      onProgress?: (run: RollupRun, left: number) => void;
    } = {},
  ): Promise<RollupRun> {
    const run: RollupRun = { days: 0, hours: 0, events: 0, busy: 0, expired: 0, conversionDays: 0, changed: [] };
    run.expired = await this.dropExpired();
    await this.dropOldVisitorSets();
    const pastDeadline = (): boolean => options.deadline !== undefined && Date.now() > options.deadline;
    do {
      const conversions = await this.conversions.rollDirty(pastDeadline);
      run.conversionDays += conversions.days;
      run.busy += conversions.busy;
      const units = await this.dirtyDays();
      if (units.length === 0 && conversions.listed === 0) break;
      let next = 0;
      const work = async (): Promise<void> => {
        while (next < units.length && !pastDeadline()) {
          const unit = units[next++];
          const result = await this.rollDay(unit.creatorId, unit.day);
          if (result === null) run.busy++;
          else {
            run.days++;
            run.hours += result.hours.length;
            if (result.hours.length > 0) run.changed.push({ creatorId: unit.creatorId, hours: result.hours });
            run.events += result.events;
          }
          options.onProgress?.(run, units.length - next);
        }
      };
      const before = run.days;
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, units.length) }, work));
      // only days another process is rolling are left: give it a moment
      if (run.days === before && conversions.days === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    } while (options.untilClean && !pastDeadline());
    return run;
  }

  /** The (creator, UTC day) pairs with pending events or dirty hours, oldest first. */
  async dirtyDays(limit = 5000): Promise<{ creatorId: string; day: Date }[]> {
    const rows: { creator_id: string; day: Date }[] = await this.db.query(
      `SELECT creator_id, date_bin('1 day', hour, ${ORIGIN}) AS day FROM rollup_dirty_hours
        UNION
       SELECT creator_id, date_bin('1 day', hour, ${ORIGIN}) FROM rollup_pending
        ORDER BY day, creator_id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ creatorId: row.creator_id, day: row.day }));
  }

  /** Rolls one creator's changes of one UTC day; null when another process holds the day. */
  async rollDay(creatorId: string, day: Date): Promise<UnitResult> {
    const dayStart = new Date(Math.floor(day.getTime() / DAY_MS) * DAY_MS);
    const dayEnd = new Date(dayStart.getTime() + DAY_MS);
    try {
      return await this.db.transaction('REPEATABLE READ', (tx) => this.rollUnit(tx, creatorId, dayStart, dayEnd));
    } catch (error) {
      // the snapshot predates a change another process made to the same rows: its turn, ours next run
      if (CONFLICTS.has((error as { code?: string }).code ?? '')) return null;
      throw error;
    }
  }

  private async rollUnit(tx: EntityManager, creatorId: string, dayStart: Date, dayEnd: Date): Promise<UnitResult> {
    const [{ locked, now }] = await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 7419003)) AS locked, now()`,
      [creatorId, dayStart.toISOString()],
    );
    if (!locked) return null;
    const unit = [creatorId, dayStart, dayEnd];
    const changes: { hour: Date; dirty: boolean }[] = await tx.query(
      `SELECT hour, bool_or(dirty) AS dirty FROM (
         SELECT hour, true AS dirty FROM rollup_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3
          UNION ALL
         SELECT hour, false FROM rollup_pending WHERE creator_id = $1 AND hour >= $2 AND hour < $3
       ) c GROUP BY hour ORDER BY hour`,
      unit,
    );
    if (changes.length === 0) return { hours: [], events: 0 };
    const hours = changes.map((change) => new Date(Math.floor(change.hour.getTime() / HOUR_MS) * HOUR_MS));
    const keepsVisitorSet = dayStart.getTime() >= Math.floor(now.getTime() / DAY_MS) * DAY_MS - (VISITOR_SET_DAYS - 1) * DAY_MS;
    // hashing every dimension at once needs more than the default 4 MB
    await tx.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
    let events: number;
    if (changes.some((change) => change.dirty) || !keepsVisitorSet) {
      await this.forgetHours(tx, creatorId, hours, dayStart, dayEnd);
      events = await this.add(tx, unit, hours, keepsVisitorSet ? 'set' : 'count');
    } else {
      events = await this.add(tx, unit, null, 'set');
    }
    await tx.query(
      `WITH pending AS (DELETE FROM rollup_pending WHERE creator_id = $1 AND hour >= $2 AND hour < $3)
       DELETE FROM rollup_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3`,
      unit,
    );
    return { hours, events };
  }

  /**
   * Adds events to every rollup of their day, in one statement. `hours` null: the day's pending
   * events. Otherwise the rebuild of those hours after forgetHours: the events of those hours to
   * the 15-minute and hourly rows, every event of the day to the daily ones. Visitors: with 'set',
   * those not yet in the day's visitor set (which the events join); with 'count', every distinct one.
   */
  private async add(tx: EntityManager, unit: unknown[], hours: Date[] | null, visitors: 'set' | 'count'): Promise<number> {
    const inDay = 'e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3';
    const sources =
      hours === null
        ? // each listed event by its primary key: the LIMIT keeps the lookup inside the loop over the
          // list, whatever the planner believes of a young partition (it once scanned the day per event)
          `day_events AS MATERIALIZED (
             SELECT e.* FROM rollup_pending p CROSS JOIN LATERAL unnest(p.occurred_at, p.ids) AS k(at, id)
              CROSS JOIN LATERAL (SELECT * FROM events e WHERE ${inDay} AND e.occurred_at = k.at AND e.id = k.id LIMIT 1) e
              WHERE p.creator_id = $1 AND p.hour >= $2 AND p.hour < $3
           ), hour_events AS (SELECT * FROM day_events)`
        : `day_events AS MATERIALIZED (SELECT e.* FROM events e WHERE ${inDay}),
           hour_events AS (SELECT * FROM day_events e WHERE date_bin('1 hour', e.occurred_at, ${ORIGIN}) = ANY($4::timestamptz[]))`;
    const hour = `date_bin('1 hour', e.occurred_at, ${ORIGIN})`;
    const byHour = groupingByDimension([hour]);
    const byDay = groupingByDimension([], { perLink: true });
    const byPair = groupingByPair();
    const fresh =
      visitors === 'set'
        ? `INSERT INTO rollup_visitor_sets (creator_id, day, dimension, value, visitor_id)
           SELECT $1, $2, dimension, value, visitor_id FROM per_visitor
           ON CONFLICT DO NOTHING RETURNING dimension, value`
        : 'SELECT dimension, value FROM per_visitor';
    const [{ events }] = await tx.query(
      `WITH ${sources},
       quarters AS (
         INSERT INTO rollup_quarter AS t (creator_id, link_id, slot, ${COLUMNS})
         SELECT $1, CASE WHEN grouping(e.link_id) = 1 THEN '${ALL_LINKS}'::uuid ELSE e.link_id END,
                date_bin('15 minutes', e.occurred_at, ${ORIGIN}) AS slot, ${COUNTS}
           FROM hour_events e
          GROUP BY GROUPING SETS ((slot), (slot, e.link_id))
         HAVING grouping(e.link_id) = 1 OR e.link_id IS NOT NULL
         ON CONFLICT (creator_id, link_id, slot) DO UPDATE SET ${ADD_COUNTS}
       ), hour_counts AS (
         SELECT ${byHour.dimension} AS dimension, ${hour} AS hour, ${byHour.value} AS value, ${COUNTS_NAMED}
           FROM hour_events e GROUP BY ${byHour.groupBy}
       ), hours AS (
         INSERT INTO rollup_hourly AS t (creator_id, link_id, dimension, hour, value, ${COLUMNS})
         SELECT $1, '${ALL_LINKS}'::uuid, dimension, hour, value, ${COLUMNS} FROM hour_counts WHERE value IS NOT NULL
          UNION ALL
         SELECT $1, value::uuid, '${TOTAL}', hour, '', ${COLUMNS} FROM hour_counts WHERE dimension = 'link' AND value IS NOT NULL
         ON CONFLICT (creator_id, link_id, dimension, hour, value) DO UPDATE SET ${ADD_COUNTS}
       ), day_counts AS (
         SELECT coalesce(${byDay.link}, '${ALL_LINKS}'::uuid) AS link_id, grouping(e.link_id) AS all_links,
                ${byDay.dimension} AS dimension, ${byDay.value} AS value, ${COUNTS_NAMED}
           FROM day_events e GROUP BY ${byDay.groupBy}
       ), per_visitor AS (
         SELECT DISTINCT v.dimension, v.value, e.visitor_id
           FROM day_events e CROSS JOIN LATERAL ${dimensionRows(VISITOR_DIMENSIONS, { total: true })} AS v(dimension, value)
          WHERE NOT e.is_bot AND v.value IS NOT NULL
       ), fresh AS (${fresh}
       ), visitors AS (
         SELECT '${ALL_LINKS}'::uuid AS link_id, dimension, value, count(*) AS visitors FROM fresh GROUP BY dimension, value
          UNION ALL
         -- a link's visitors are its 'link' value's
         SELECT value::uuid, '${TOTAL}', '', count(*) FROM fresh WHERE dimension = 'link' GROUP BY value
       ), days AS (
         INSERT INTO rollup_daily AS t (creator_id, link_id, dimension, day, value, ${COLUMNS}, visitors)
         SELECT $1, c.link_id, c.dimension, $2, c.value, ${COUNTERS.map((counter) => `c.${counter}`).join(', ')},
                CASE WHEN c.link_id = '${ALL_LINKS}'::uuid OR c.dimension = '${TOTAL}' THEN coalesce(v.visitors, 0) END
           FROM day_counts c LEFT JOIN visitors v USING (link_id, dimension, value)
          -- no value for the dimension (a view's link, a person's bot name), or a view in a per-link set
          WHERE c.value IS NOT NULL AND (c.all_links = 1 OR c.link_id <> '${ALL_LINKS}'::uuid)
         ON CONFLICT (creator_id, link_id, dimension, day, value) DO UPDATE SET ${ADD_COUNTS}, visitors = t.visitors + EXCLUDED.visitors
       ), day_tuples AS (
         -- the day's events with the same values in every dimension, counted together: half as many rows
         SELECT ${dimensionColumns()}, ${COUNTS_NAMED}
           FROM day_events e GROUP BY ${BREAKDOWN_DIMENSIONS.map((_, i) => i + 1).join(', ')}
       ), pairs AS (
         SELECT ${byPair.a} AS a, ${byPair.aValue} AS a_value, ${byPair.b} AS b, ${byPair.bValue} AS b_value, ${SUMS}
           FROM day_tuples x GROUP BY ${byPair.groupBy}
       ), drills AS (
         INSERT INTO rollup_drill_daily AS t (creator_id, filter, filter_value, dimension, day, value, ${COLUMNS})
         SELECT $1, o.filter, o.filter_value, o.dimension, $2, o.value, ${COUNTERS.map((counter) => `p.${counter}`).join(', ')}
           FROM pairs p
          CROSS JOIN LATERAL (VALUES (p.a, p.a_value, p.b, p.b_value), (p.b, p.b_value, p.a, p.a_value))
                AS o(filter, filter_value, dimension, value)
          WHERE o.filter IN (${FILTER_DIMENSIONS.map((dimension) => `'${dimension}'`).join(', ')})
            AND o.filter_value IS NOT NULL AND o.value IS NOT NULL
         ON CONFLICT (creator_id, filter, filter_value, dimension, day, value) DO UPDATE SET ${ADD_COUNTS}
       )
       SELECT count(*)::int AS events FROM day_events`,
      hours === null ? unit : [...unit, hours],
    );
    return events;
  }

  /**
   * Before a rebuild: deletes the 15-minute and hourly rows of the given hours, and every daily,
   * drill-down and visitor-set row of their day (those are recounted from the whole day).
   */
  private async forgetHours(tx: EntityManager, creatorId: string, hours: Date[], dayStart: Date, dayEnd: Date): Promise<void> {
    const time = new TimeFilter(creatorId, hours[0], new Date(hours[hours.length - 1].getTime() + HOUR_MS), hours);
    const hourLinks = await this.linksIn(tx, 'rollup_hourly', time);
    const day = new TimeFilter(creatorId, dayStart, dayEnd, null);
    const dayLinks = await this.linksIn(tx, 'rollup_daily', day);
    await tx.query(
      deleteByKeys([
        ...[ALL_LINKS, ...hourLinks].map((link) => ({
          table: 'rollup_quarter',
          link,
          dimension: null,
          time: time.sql('slot', true),
        })),
        ...ROLLUP_DIMENSIONS.map((dimension) => ({ table: 'rollup_hourly', link: ALL_LINKS, dimension, time: time.sql('hour') })),
        ...hourLinks.map((link) => ({ table: 'rollup_hourly', link, dimension: TOTAL, time: time.sql('hour') })),
      ]),
      time.params,
    );
    // a drill-down row's (filter, value) is a daily row's (dimension, value) of its day: its key prefixes
    await tx.query(
      `DELETE FROM rollup_drill_daily t
        USING (SELECT f.dimension AS filter, f.value AS filter_value, d.dimension
                 FROM rollup_daily f CROSS JOIN unnest($3::text[]) AS d(dimension)
                WHERE f.creator_id = $1 AND f.link_id = '${ALL_LINKS}' AND f.dimension = ANY($4::text[])
                  AND f.day = $2 AND d.dimension <> f.dimension) k
        WHERE t.creator_id = $1 AND t.filter = k.filter AND t.filter_value = k.filter_value
          AND t.dimension = k.dimension AND t.day = $2`,
      [creatorId, dayStart, BREAKDOWN_DIMENSIONS, FILTER_DIMENSIONS],
    );
    await tx.query(
      deleteByKeys([
        ...ROLLUP_DIMENSIONS.map((dimension) => ({ table: 'rollup_daily', link: ALL_LINKS, dimension, time: day.sql('day') })),
        // a link's rows of the day, every dimension: by the (creator, link, day) index
        ...dayLinks.map((link) => ({ table: 'rollup_daily', link, dimension: null, time: day.sql('day') })),
      ]),
      day.params,
    );
    await tx.query('DELETE FROM rollup_visitor_sets WHERE creator_id = $1 AND day >= $2 AND day < $3', day.params);
  }

  /** The links with rows in the given hours (their 'link' rows among the creator's), to delete them by key. */
  private async linksIn(tx: EntityManager, table: 'rollup_hourly' | 'rollup_daily', time: TimeFilter): Promise<string[]> {
    const column = table === 'rollup_hourly' ? 'hour' : 'day';
    const rows: { value: string }[] = await tx.query(
      `SELECT DISTINCT value FROM ${table}
        WHERE creator_id = $1 AND link_id = '${ALL_LINKS}' AND dimension = 'link' AND ${time.sql(column)}`,
      time.params,
    );
    return rows.map((row) => row.value);
  }

  /**
   * Dirty marks and pending lists of days whose raw events are (partly) past retention are dropped
   * unrolled: rebuilding them would replace the kept rollups with what little raw is left.
   */
  private async dropExpired(now = Date.now()): Promise<number> {
    if (!this.options.rawRetentionDays) return 0;
    const cutoff = now - this.options.rawRetentionDays * DAY_MS;
    const firstWholeDay = new Date(Math.ceil(cutoff / DAY_MS) * DAY_MS);
    const [{ count }] = await this.db.query(
      `WITH marks AS (DELETE FROM rollup_dirty_hours WHERE hour < $1 RETURNING 1),
            lists AS (DELETE FROM rollup_pending WHERE hour < $1 RETURNING 1)
       SELECT (SELECT count(*) FROM marks) + (SELECT count(*) FROM lists) AS count`,
      [firstWholeDay],
    );
    if (Number(count) > 0)
      this.logger.warn(`dropped ${count} dirty hour(s) older than the raw retention; their rollups are kept as they were`);
    return Number(count);
  }

  /** Visitor sets of days no run adds to any more (see VISITOR_SET_DAYS), a day after the last could. */
  private async dropOldVisitorSets(): Promise<void> {
    await this.db.query(
      `DELETE FROM rollup_visitor_sets WHERE day < date_bin('1 day', now(), ${ORIGIN}) - $1 * interval '1 day'`,
      [VISITOR_SET_DAYS],
    );
  }
}

/** A time condition on a rollup table: [from, to), optionally only some hours of it; params $1 (creator), $2, $3, $4. */
class TimeFilter {
  readonly params: unknown[];

  constructor(creatorId: string, from: Date, to: Date, hours: Date[] | null) {
    this.params = hours ? [creatorId, from, to, hours] : [creatorId, from, to];
  }

  sql(column: string, byHour = false): string {
    const range = `${column} >= $2 AND ${column} < $3`;
    if (this.params.length < 4) return range;
    return `${range} AND ${byHour ? `date_bin('1 hour', ${column}, ${ORIGIN})` : column} = ANY($4::timestamptz[])`;
  }
}

/**
 * Deletes rollup rows by their whole key prefix (creator, link, dimension) and a time condition:
 * one DELETE per prefix, all in one statement, so each is a plain range scan of the primary key
 * whatever the planner believes about the table.
 */
function deleteByKeys(keys: { table: string; link: string; dimension: string | null; time: string }[]): string {
  const deletes = keys.map(({ table, link, dimension, time }, i) => {
    if (!/^[0-9a-f-]{36}$/i.test(link)) throw new Error(`not a link id: ${link}`);
    const byDimension = dimension === null ? '' : ` AND dimension = '${dimension}'`;
    return `d${i} AS (DELETE FROM ${table} WHERE creator_id = $1 AND link_id = '${link}'${byDimension} AND ${time})`;
  });
  return `WITH ${deletes.join(', ')} SELECT 1`;
}
