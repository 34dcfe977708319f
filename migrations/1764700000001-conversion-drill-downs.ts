import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drill-downs of conversions, like the clicks' `rollup_drill_daily`: per UTC day and currency, the
 * leads, sales and revenue of every value of a dimension among the attributed conversions with one
 * value of a filter dimension (`country = US` × every source…), so a filtered breakdown of a year
 * reads days of rollups instead of the year's conversions. Rebuilt with the day's other conversion
 * rollups; every day with conversions is marked so the job builds its rows once.
 */
export class ConversionDrillDowns1764700000001 implements MigrationInterface {
  name = 'ConversionDrillDowns1764700000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conversion_drill_daily (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        filter text NOT NULL,
        filter_value text NOT NULL,
        dimension text NOT NULL,
        day timestamptz NOT NULL,
        value text NOT NULL,
        currency text NOT NULL,
        leads integer NOT NULL,
        sales integer NOT NULL,
        revenue bigint NOT NULL,
        PRIMARY KEY (creator_id, filter, filter_value, dimension, day, value, currency)
      )`);
    await db.query(`CREATE INDEX conversion_drill_daily_time_idx ON conversion_drill_daily (creator_id, day)`);
    await db.query(`
      INSERT INTO conversion_dirty_hours (creator_id, hour)
      SELECT DISTINCT creator_id, date_bin('1 day', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') FROM conversions
       ORDER BY 1, 2
      ON CONFLICT (creator_id, hour) DO UPDATE SET version = conversion_dirty_hours.version + 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS conversion_drill_daily');
  }
}
