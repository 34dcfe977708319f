import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ALL_LINKS, COUNT_SQL, groupingByDimension, ROLLUP_DIMENSIONS, TOTAL } from './dimensions.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** date_bin origin: any UTC midnight makes the bins UTC hours and days whatever the session zone */
const ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
const COUNTS = Object.values(COUNT_SQL).join(', ');
const COUNTS_NAMED = Object.entries(COUNT_SQL)
  .map(([name, sql]) => `${sql} AS ${name}`)
  .join(', ');
const WORK_MEM = '128MB';

/** The provider of RollupOptions (AnalyticsModule makes them from the configuration). */
export const ROLLUP_OPTIONS = Symbol('RollupOptions');

export interface RollupOptions {
  /** raw events older than this many days are gone (RAW_RETENTION_DAYS): their hours are never rebuilt */
  rawRetentionDays?: number;
}

export interface RollupRun {
  /** (creator, UTC day) units rebuilt */
  days: number;
  /** dirty hours rebuilt */
  hours: number;
  /** units another process was rolling at that moment (left for the next run) */
  busy: number;
  /** dirty marks dropped because their raw events are past retention */
  expired: number;
}

interface DirtyHour {
  hour: Date;
  version: string;
}

/**
 * Rebuilds the rollups of every dirty (creator, hour) from the raw events.
 *
 * The unit of work is a creator's UTC day: one transaction, under a per-(creator, day) advisory
 * lock that a second worker does not wait for, reads the day's dirty hours with their versions,
 * deletes and re-inserts those hours' quarter and hourly rows, recounts the whole day's daily rows
 * (visitors need the whole day), then deletes the dirty marks whose version it read. A hit stored
 * meanwhile bumps its hour's version, so that hour stays dirty and is rebuilt by the next run:
 * re-running is always safe and gives the same rows.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollup');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() @Inject(ROLLUP_OPTIONS) private readonly options: RollupOptions = {},
  ) {}

  /**
   * Rolls the dirty hours listed when the run starts (the current hour too: it is cheap and keeps
   * the rollups close to live), `concurrency` days at a time. With `untilClean` it lists again
   * until nothing is dirty (the seeder and tests; a live system is never clean for long).
   */
  async rollDirty(
    options: {
      concurrency?: number;
      deadline?: number;
      untilClean?: boolean;
      onProgress?: (run: RollupRun, left: number) => void;
    } = {},
  ): Promise<RollupRun> {
    const run: RollupRun = { days: 0, hours: 0, busy: 0, expired: 0 };
    run.expired = await this.dropExpiredMarks();
    const pastDeadline = (): boolean => options.deadline !== undefined && Date.now() > options.deadline;
    do {
      const units = await this.dirtyDays();
      if (units.length === 0) break;
      let next = 0;
      const work = async (): Promise<void> => {
        while (next < units.length && !pastDeadline()) {
          const unit = units[next++];
          const hours = await this.rollDay(unit.creatorId, unit.day);
          if (hours === null) run.busy++;
          else {
            run.days++;
            run.hours += hours;
          }
          options.onProgress?.(run, units.length - next);
        }
      };
      const before = run.days;
      await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, units.length) }, work));
      // only days another process is rolling are left: give it a moment
      if (run.days === before) await new Promise((resolve) => setTimeout(resolve, 100));
    } while (options.untilClean && !pastDeadline());
    return run;
  }

  /** The (creator, UTC day) pairs that have dirty hours, oldest first. */
  async dirtyDays(limit = 5000): Promise<{ creatorId: string; day: Date }[]> {
    const rows: { creator_id: string; day: Date }[] = await this.db.query(
      `SELECT DISTINCT creator_id, date_bin('1 day', hour, ${ORIGIN}) AS day
         FROM rollup_dirty_hours ORDER BY day, creator_id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ creatorId: row.creator_id, day: row.day }));
  }

  /**
   * Rebuilds one creator's dirty hours of one UTC day. Returns how many hours were rebuilt,
   * or null when another process holds the day.
   */
  async rollDay(creatorId: string, day: Date): Promise<number | null> {
    const dayStart = new Date(Math.floor(day.getTime() / DAY_MS) * DAY_MS);
    const dayEnd = new Date(dayStart.getTime() + DAY_MS);
    return this.db.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 7419003)) AS locked`,
        [creatorId, dayStart.toISOString()],
      );
      if (!locked) return null;
      const dirty: DirtyHour[] = await tx.query(
        `SELECT hour, version FROM rollup_dirty_hours
          WHERE creator_id = $1 AND hour >= $2 AND hour < $3 ORDER BY hour`,
        [creatorId, dayStart, dayEnd],
      );
      if (dirty.length === 0) return 0;
      const hours = [...new Set(dirty.map((row) => Math.floor(row.hour.getTime() / HOUR_MS) * HOUR_MS))].map(
        (at) => new Date(at),
      );
      // hashing every dimension at once needs more than the default 4 MB
      await tx.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
      await this.rebuildHours(tx, creatorId, hours, dayStart, dayEnd);
      await this.rebuildDay(tx, creatorId, dayStart, dayEnd);
      await tx.query(
        `DELETE FROM rollup_dirty_hours d
          USING unnest($2::timestamptz[], $3::bigint[]) AS r(hour, version)
          WHERE d.creator_id = $1 AND d.hour = r.hour AND d.version = r.version`,
        [creatorId, dirty.map((row) => row.hour), dirty.map((row) => row.version)],
      );
      return hours.length;
    });
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

  /** The quarter and hourly rows of the given hours, deleted and counted again from the raw events. */
  private async rebuildHours(tx: EntityManager, creatorId: string, hours: Date[], dayStart: Date, dayEnd: Date): Promise<void> {
    const time = new TimeFilter(creatorId, hours[0], new Date(hours[hours.length - 1].getTime() + HOUR_MS), hours);
    const links = await this.linksIn(tx, 'rollup_hourly', time);
    await tx.query(
      deleteByKeys([
        ...[ALL_LINKS, ...links].map((link) => ({
          table: 'rollup_quarter',
          link,
          dimension: null,
          time: time.sql('slot', true),
        })),
        ...ROLLUP_DIMENSIONS.map((dimension) => ({ table: 'rollup_hourly', link: ALL_LINKS, dimension, time: time.sql('hour') })),
        ...links.map((link) => ({ table: 'rollup_hourly', link, dimension: TOTAL, time: time.sql('hour') })),
      ]),
      time.params,
    );

    const hour = `date_bin('1 hour', e.occurred_at, ${ORIGIN})`;
    // the day bounds let the planner keep to one partition; the hours pick the dirty ones
    const inHours = `e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND ${hour} = ANY($4::timestamptz[])`;
    const params = [creatorId, dayStart, dayEnd, hours];
    await tx.query(
      `INSERT INTO rollup_quarter (creator_id, link_id, slot, clicks, views, bot_hits, profile_clicks)
       SELECT $1, CASE WHEN grouping(e.link_id) = 1 THEN '${ALL_LINKS}'::uuid ELSE e.link_id END,
              date_bin('15 minutes', e.occurred_at, ${ORIGIN}) AS slot, ${COUNTS}
         FROM events e
        WHERE ${inHours}
        GROUP BY GROUPING SETS ((slot), (slot, e.link_id))
       HAVING grouping(e.link_id) = 1 OR e.link_id IS NOT NULL`,
      params,
    );
    const byDimension = groupingByDimension([hour]);
    await tx.query(
      `WITH counted AS (
         SELECT ${byDimension.dimension} AS dimension, ${hour} AS hour, ${byDimension.value} AS value, ${COUNTS_NAMED}
           FROM events e
          WHERE ${inHours}
          GROUP BY ${byDimension.groupBy}
       )
       INSERT INTO rollup_hourly (creator_id, link_id, dimension, hour, value, clicks, views, bot_hits, profile_clicks)
       SELECT $1, '${ALL_LINKS}'::uuid, dimension, hour, value, clicks, views, bot_hits, profile_clicks
         FROM counted WHERE value IS NOT NULL
       UNION ALL
       SELECT $1, value::uuid, '${TOTAL}', hour, '', clicks, views, bot_hits, profile_clicks
         FROM counted WHERE dimension = 'link' AND value IS NOT NULL`,
      params,
    );
  }

  /**
   * The day's daily rows, recounted from the whole day's raw events (distinct visitors need all of
   * it), in two hashed passes joined in one statement: the counts of every dimension, for all links
   * and per link; and the distinct visitors of every dimension value for all links and of each link
   * (per link and value they are not kept: `visitors` is NULL there, and such questions count raw).
   */
  private async rebuildDay(tx: EntityManager, creatorId: string, dayStart: Date, dayEnd: Date): Promise<void> {
    const time = new TimeFilter(creatorId, dayStart, dayEnd, null);
    const links = await this.linksIn(tx, 'rollup_daily', time);
    await tx.query(
      deleteByKeys([
        ...ROLLUP_DIMENSIONS.map((dimension) => ({ table: 'rollup_daily', link: ALL_LINKS, dimension, time: time.sql('day') })),
        // a link's rows of the day, every dimension: by the (creator, link, day) index
        ...links.map((link) => ({ table: 'rollup_daily', link, dimension: null, time: time.sql('day') })),
      ]),
      time.params,
    );
    const counting = groupingByDimension([], { perLink: true });
    const visiting = groupingByDimension(['e.visitor_id']);
    const inDay = 'e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3';
    await tx.query(
      `WITH counted AS (
         SELECT coalesce(${counting.link}, '${ALL_LINKS}'::uuid) AS link_id, grouping(e.link_id) AS all_links,
                ${counting.dimension} AS dimension, ${counting.value} AS value, ${COUNTS_NAMED}
           FROM events e WHERE ${inDay}
          GROUP BY ${counting.groupBy}
       ), per_visitor AS (
         SELECT ${visiting.dimension} AS dimension, ${visiting.value} AS value
           FROM events e WHERE ${inDay} AND NOT e.is_bot
          GROUP BY ${visiting.groupBy}
       ), visitors AS (
         SELECT '${ALL_LINKS}'::uuid AS link_id, dimension, value, count(*) AS visitors
           FROM per_visitor WHERE value IS NOT NULL GROUP BY dimension, value
         UNION ALL
         -- a link's visitors are its 'link' value's
         SELECT value::uuid, '${TOTAL}', '', count(*) FROM per_visitor WHERE dimension = 'link' AND value IS NOT NULL GROUP BY value
       )
       INSERT INTO rollup_daily (creator_id, link_id, dimension, day, value, clicks, views, bot_hits, profile_clicks, visitors)
       SELECT $1, c.link_id, c.dimension, $2, c.value, c.clicks, c.views, c.bot_hits, c.profile_clicks,
              CASE WHEN c.link_id = '${ALL_LINKS}'::uuid OR c.dimension = '${TOTAL}' THEN coalesce(v.visitors, 0) END
         FROM counted c LEFT JOIN visitors v USING (link_id, dimension, value)
        -- no value for the dimension (a view's link, a person's bot name), or a view in a per-link set
        WHERE c.value IS NOT NULL AND (c.all_links = 1 OR c.link_id <> '${ALL_LINKS}'::uuid)`,
      [creatorId, dayStart, dayEnd],
    );
  }

  /**
   * Dirty marks of days whose raw events are (partly) past retention are dropped unrolled:
   * rebuilding them would replace the kept rollups with what little raw is left.
   */
  private async dropExpiredMarks(now = Date.now()): Promise<number> {
    if (!this.options.rawRetentionDays) return 0;
    const cutoff = now - this.options.rawRetentionDays * DAY_MS;
    const firstWholeDay = new Date(Math.ceil(cutoff / DAY_MS) * DAY_MS);
    const [, count] = await this.db.query('DELETE FROM rollup_dirty_hours WHERE hour < $1', [firstWholeDay]);
    if (count)
      this.logger.warn(`dropped ${count} dirty hour(s) older than the raw retention; their rollups are kept as they were`);
    return count;
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
