import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { ALL_LINKS, COUNT_SQL, dimensionValuesSql, ROLLUP_DIMENSIONS, TOTAL, VISITORS_SQL } from './dimensions.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** date_bin origin: any UTC midnight makes the bins UTC hours and days whatever the session zone */
const ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
const COUNTS = Object.values(COUNT_SQL).join(', ');

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
export class RollupService {
  private readonly logger = new Logger('Rollup');

  constructor(
    private readonly db: DataSource,
    private readonly options: RollupOptions = {},
  ) {}

  /**
   * Rolls the dirty hours listed when the run starts (the current hour too: it is cheap and keeps
   * the rollups close to live), `concurrency` days at a time. With `untilClean` it lists again
   * until nothing is dirty (the seeder and tests; a live system is never clean for long).
   */
  async rollDirty(
    options: { concurrency?: number; deadline?: number; untilClean?: boolean; onProgress?: (run: RollupRun, left: number) => void } = {},
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
      const hours = [...new Set(dirty.map((row) => Math.floor(row.hour.getTime() / HOUR_MS) * HOUR_MS))].map((at) => new Date(at));
      const links = await this.linkIdsOf(tx, creatorId);
      await this.rebuildHours(tx, creatorId, hours, links, dayStart, dayEnd);
      await this.rebuildDay(tx, creatorId, links, dayStart, dayEnd);
      await tx.query(
        `DELETE FROM rollup_dirty_hours d
          USING unnest($2::timestamptz[], $3::bigint[]) AS r(hour, version)
          WHERE d.creator_id = $1 AND d.hour = r.hour AND d.version = r.version`,
        [creatorId, dirty.map((row) => row.hour), dirty.map((row) => row.version)],
      );
      return hours.length;
    });
  }

  private async linkIdsOf(tx: EntityManager, creatorId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query('SELECT id FROM links WHERE creator_id = $1', [creatorId]);
    return rows.map((row) => row.id);
  }

  /** The quarter and hourly rows of the given hours, deleted and counted again from the raw events. */
  private async rebuildHours(tx: EntityManager, creatorId: string, hours: Date[], links: string[], dayStart: Date, dayEnd: Date): Promise<void> {
    const slots = hours.flatMap((hour) => [0, 1, 2, 3].map((quarter) => new Date(hour.getTime() + quarter * 900_000)));
    await tx.query(
      `DELETE FROM rollup_quarter WHERE creator_id = $1 AND link_id = ANY($2::uuid[]) AND slot = ANY($3::timestamptz[])`,
      [creatorId, [ALL_LINKS, ...links], slots],
    );
    await tx.query(
      `DELETE FROM rollup_hourly WHERE creator_id = $1 AND link_id = $2 AND dimension = ANY($3::text[]) AND hour = ANY($4::timestamptz[])`,
      [creatorId, ALL_LINKS, ROLLUP_DIMENSIONS, hours],
    );
    if (links.length > 0) {
      await tx.query(
        `DELETE FROM rollup_hourly WHERE creator_id = $1 AND link_id = ANY($2::uuid[]) AND dimension = '${TOTAL}' AND hour = ANY($3::timestamptz[])`,
        [creatorId, links, hours],
      );
    }
    // the day bounds let the planner keep to one partition; the hours pick the dirty ones
    const inHours = `e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
      AND date_bin('1 hour', e.occurred_at, ${ORIGIN}) = ANY($4::timestamptz[])`;
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
    await tx.query(
      `INSERT INTO rollup_hourly (creator_id, link_id, dimension, hour, value, clicks, views, bot_hits, profile_clicks)
       SELECT $1, '${ALL_LINKS}'::uuid, d.dimension, date_bin('1 hour', e.occurred_at, ${ORIGIN}) AS hour, d.value, ${COUNTS}
         FROM events e CROSS JOIN LATERAL ${dimensionValuesSql()} AS d(dimension, value)
        WHERE ${inHours} AND d.value IS NOT NULL
        GROUP BY d.dimension, hour, d.value
       UNION ALL
       SELECT $1, e.link_id, '${TOTAL}', date_bin('1 hour', e.occurred_at, ${ORIGIN}) AS hour, '', ${COUNTS}
         FROM events e
        WHERE ${inHours} AND e.link_id IS NOT NULL
        GROUP BY e.link_id, hour`,
      params,
    );
  }

  /** The day's daily rows, recounted from the whole day's raw events (distinct visitors need all of it). */
  private async rebuildDay(tx: EntityManager, creatorId: string, links: string[], dayStart: Date, dayEnd: Date): Promise<void> {
    await tx.query(
      `DELETE FROM rollup_daily WHERE creator_id = $1 AND link_id = $2 AND dimension = ANY($3::text[]) AND day = $4`,
      [creatorId, ALL_LINKS, ROLLUP_DIMENSIONS, dayStart],
    );
    if (links.length > 0) {
      await tx.query(
        `DELETE FROM rollup_daily WHERE creator_id = $1 AND link_id = ANY($2::uuid[]) AND dimension = '${TOTAL}' AND day = $3`,
        [creatorId, links, dayStart],
      );
    }
    const inDay = 'e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3';
    await tx.query(
      `INSERT INTO rollup_daily (creator_id, link_id, dimension, day, value, clicks, views, bot_hits, profile_clicks, visitors)
       SELECT $1, '${ALL_LINKS}'::uuid, d.dimension, $2, d.value, ${COUNTS}, ${VISITORS_SQL}
         FROM events e CROSS JOIN LATERAL ${dimensionValuesSql()} AS d(dimension, value)
        WHERE ${inDay} AND d.value IS NOT NULL
        GROUP BY d.dimension, d.value
       UNION ALL
       SELECT $1, e.link_id, '${TOTAL}', $2, '', ${COUNTS}, ${VISITORS_SQL}
         FROM events e
        WHERE ${inDay} AND e.link_id IS NOT NULL
        GROUP BY e.link_id`,
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
    if (count) this.logger.warn(`dropped ${count} dirty hour(s) older than the raw retention; their rollups are kept as they were`);
    return count;
  }
}
