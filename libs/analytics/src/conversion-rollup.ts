import type { DataSource, EntityManager } from 'typeorm';
import { ALL_LINKS, CONVERSION_DIMENSION_SQL, FILTER_DIMENSIONS, ROLLUP_DIMENSIONS, TOTAL } from './dimensions.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
/** Serialization failure, deadlock: the unit is left for the next run. */
const CONFLICTS = new Set(['40001', '40P01']);
/** The breakdown dimensions a conversion can have a value of (bots never convert). */
const DIMENSIONS = ROLLUP_DIMENSIONS.filter((dimension) => dimension !== 'bot');

/** Each conversion's (dimension, value) rows: the totals and every dimension it has a value of. */
const DIMENSION_ROWS = `(VALUES ${DIMENSIONS.map((dimension) =>
  dimension === TOTAL
    ? `('${TOTAL}', '')`
    : `('${dimension}', ${CONVERSION_DIMENSION_SQL[dimension as keyof typeof CONVERSION_DIMENSION_SQL]})`,
).join(', ')}) AS d(dimension, value)`;

const COUNTS = `count(*) FILTER (WHERE e.kind = 'lead') AS leads, count(*) FILTER (WHERE e.kind = 'sale') AS sales,
                coalesce(sum(e.amount), 0) AS revenue`;

/*
 * The hours' rows: the creator's of every dimension, and each link's totals. A conversion is
 * counted in the hour it happened (not its click's).
 */
const HOURLY_SQL = `
  INSERT INTO conversion_rollup_hourly (creator_id, link_id, dimension, hour, value, currency, leads, sales, revenue)
  SELECT $1, l.link_id, d.dimension, date_bin('1 hour', e.occurred_at, ${ORIGIN}) AS hour, d.value,
         coalesce(e.currency, '') AS currency, ${COUNTS}
    FROM conversions e
   CROSS JOIN LATERAL ${DIMENSION_ROWS}
   CROSS JOIN LATERAL (VALUES ('${ALL_LINKS}'::uuid), (CASE WHEN d.dimension = '${TOTAL}' THEN e.link_id END)) AS l(link_id)
   WHERE e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
     AND date_bin('1 hour', e.occurred_at, ${ORIGIN}) = ANY($4::timestamptz[])
     AND d.value IS NOT NULL AND l.link_id IS NOT NULL
   GROUP BY 2, 3, 4, 5, 6`;

/* The day's rows: the creator's and each link's, of every dimension (a link's 'link' rows would be its totals again). */
const DAILY_SQL = `
  INSERT INTO conversion_rollup_daily (creator_id, link_id, dimension, day, value, currency, leads, sales, revenue)
  SELECT $1, l.link_id, d.dimension, $2, d.value, coalesce(e.currency, '') AS currency, ${COUNTS}
    FROM conversions e
   CROSS JOIN LATERAL ${DIMENSION_ROWS}
   CROSS JOIN LATERAL (VALUES ('${ALL_LINKS}'::uuid), (CASE WHEN d.dimension <> 'link' THEN e.link_id END)) AS l(link_id)
   WHERE e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
     AND d.value IS NOT NULL AND l.link_id IS NOT NULL
   GROUP BY 2, 3, 5, 6`;

/* The day's drill-downs: each filter dimension's value × every other dimension's values (attributed conversions). */
const FILTER_ROWS = `(VALUES ${FILTER_DIMENSIONS.map((dimension) => `('${dimension}', ${CONVERSION_DIMENSION_SQL[dimension]})`).join(', ')}) AS f(dimension, value)`;
const DRILL_SQL = `
  INSERT INTO conversion_drill_daily (creator_id, filter, filter_value, dimension, day, value, currency, leads, sales, revenue)
  SELECT $1, f.dimension, f.value, d.dimension, $2, d.value, coalesce(e.currency, '') AS currency, ${COUNTS}
    FROM conversions e
   CROSS JOIN LATERAL ${FILTER_ROWS}
   CROSS JOIN LATERAL ${DIMENSION_ROWS}
   WHERE e.creator_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND e.attributed
     AND f.value IS NOT NULL AND d.value IS NOT NULL AND d.dimension NOT IN ('${TOTAL}', f.dimension)
   GROUP BY 2, 3, 4, 6, 7`;

export interface ConversionRollupRun {
  /** (creator, UTC day) units rolled */
  days: number;
  /** units another process was rolling at that moment (left for the next run) */
  busy: number;
}

/**
 * Keeps the conversion rollups equal to the `conversions` table. Conversions are few next to
 * clicks (a few per hundred clicks) and change after they are stored (attributed when their
 * customer's lead arrives, gone with their link), so a changed hour is simply rebuilt from its
 * conversions, and its UTC day's rows from the day's: per (creator, UTC day), in one REPEATABLE
 * READ transaction under an advisory lock that a second worker does not wait for. The marks it
 * read are deleted in that transaction; a mark bumped meanwhile makes the delete fail, and the
 * day is rolled again by the next run.
 */
export class ConversionRollup {
  constructor(private readonly db: DataSource) {}

  /** Rolls the (creator, day) units marked when it starts; `listed` is how many there were. */
  async rollDirty(pastDeadline: () => boolean): Promise<ConversionRollupRun & { listed: number }> {
    const units: { creator_id: string; day: Date }[] = await this.db.query(
      `SELECT DISTINCT creator_id, date_bin('1 day', hour, ${ORIGIN}) AS day FROM conversion_dirty_hours
        ORDER BY day, creator_id LIMIT 5000`,
    );
    const run = { days: 0, busy: 0, listed: units.length };
    for (const unit of units) {
      if (pastDeadline()) break;
      if (await this.rollDay(unit.creator_id, unit.day)) run.days++;
      else run.busy++;
    }
    return run;
  }

  /** Rebuilds one creator's changed hours and day; false when another process holds the day. */
  async rollDay(creatorId: string, day: Date): Promise<boolean> {
    const dayStart = new Date(Math.floor(day.getTime() / DAY_MS) * DAY_MS);
    const unit = [creatorId, dayStart, new Date(dayStart.getTime() + DAY_MS)];
    try {
      return await this.db.transaction('REPEATABLE READ', (tx) => this.rollUnit(tx, unit));
    } catch (error) {
      if (CONFLICTS.has((error as { code?: string }).code ?? '')) return false;
      throw error;
    }
  }

  private async rollUnit(tx: EntityManager, unit: unknown[]): Promise<boolean> {
    const [{ locked }] = await tx.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || '/' || $2::text, 7419004)) AS locked`,
      unit.slice(0, 2).map(String),
    );
    if (!locked) return false;
    const marks: { hour: Date }[] = await tx.query(
      'SELECT hour FROM conversion_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3',
      unit,
    );
    if (marks.length === 0) return true;
    const hours = marks.map((mark) => new Date(Math.floor(mark.hour.getTime() / HOUR_MS) * HOUR_MS));
    await tx.query(
      'DELETE FROM conversion_rollup_hourly WHERE creator_id = $1 AND hour >= $2 AND hour < $3 AND hour = ANY($4::timestamptz[])',
      [...unit, hours],
    );
    await tx.query(HOURLY_SQL, [...unit, hours]);
    await tx.query('DELETE FROM conversion_rollup_daily WHERE creator_id = $1 AND day >= $2 AND day < $3', unit);
    await tx.query(DAILY_SQL, unit);
    await tx.query('DELETE FROM conversion_drill_daily WHERE creator_id = $1 AND day >= $2 AND day < $3', unit);
    await tx.query(DRILL_SQL, unit);
    await tx.query('DELETE FROM conversion_dirty_hours WHERE creator_id = $1 AND hour >= $2 AND hour < $3', unit);
    return true;
  }
}
