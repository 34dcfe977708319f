import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups of conversions (docs/conversions.md, "How the numbers are read"), so a year of leads,
 * sales and revenue answers from a few thousand rows while the `conversions` table stays the truth.
 *
 * - `conversion_rollup_hourly`: per UTC hour of the conversion, leads, sales and revenue per
 *   (link, dimension, value, currency): the creator's rows (nil link id) of every dimension and
 *   each link's totals. Leads are in the rows of currency '' (a lead has no currency).
 * - `conversion_rollup_daily`: the same per UTC day, and each link's rows of every dimension.
 * - `conversion_dirty_hours`: the UTC hours whose conversions changed since they were rolled up.
 *   Triggers on `conversions` mark them in the statement that changes them (a new conversion, one
 *   attributed later, those a deleted link or account took along), so nothing can change unseen.
 *   `version` is bumped by every mark: a roll-up whose snapshot predates a mark cannot delete it
 *   (its REPEATABLE READ delete fails and the hour waits for the next run).
 *
 * Keys start with creator_id, like every other table of events and rollups; the (creator, time)
 * indexes let a rebuild delete an hour's rows whatever their link and dimension.
 */
export class ConversionRollups1764700000000 implements MigrationInterface {
  name = 'ConversionRollups1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conversion_dirty_hours (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        hour timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (creator_id, hour)
      )`);
    await db.query(`CREATE INDEX conversion_dirty_hours_hour_idx ON conversion_dirty_hours (hour)`);

    for (const [table, column] of [
      ['conversion_rollup_hourly', 'hour'],
      ['conversion_rollup_daily', 'day'],
    ]) {
      await db.query(`
        CREATE TABLE ${table} (
          creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
          link_id uuid NOT NULL,
          dimension text NOT NULL,
          ${column} timestamptz NOT NULL,
          value text NOT NULL,
          currency text NOT NULL,
          leads integer NOT NULL,
          sales integer NOT NULL,
          revenue bigint NOT NULL,
          PRIMARY KEY (creator_id, link_id, dimension, ${column}, value, currency)
        )`);
      await db.query(`CREATE INDEX ${table}_time_idx ON ${table} (creator_id, ${column})`);
    }

    // a deleted account's rows go by cascade: its hours are not marked (nothing to rebuild)
    await db.query(`
      CREATE FUNCTION conversions_mark_hours() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO conversion_dirty_hours (creator_id, hour)
        SELECT DISTINCT c.creator_id, date_bin('1 hour', c.occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
          FROM changed c
         WHERE EXISTS (SELECT 1 FROM creators k WHERE k.id = c.creator_id)
         ORDER BY 1, 2
        ON CONFLICT (creator_id, hour) DO UPDATE SET version = conversion_dirty_hours.version + 1;
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER conversions_mark_inserted AFTER INSERT ON conversions
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION conversions_mark_hours()`);
    await db.query(`
      CREATE TRIGGER conversions_mark_updated AFTER UPDATE ON conversions
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION conversions_mark_hours()`);
    await db.query(`
      CREATE TRIGGER conversions_mark_deleted AFTER DELETE ON conversions
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION conversions_mark_hours()`);

    // the conversions stored before this migration
    await db.query(`
      INSERT INTO conversion_dirty_hours (creator_id, hour)
      SELECT DISTINCT creator_id, date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') FROM conversions
       ORDER BY 1, 2`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of ['conversions_mark_inserted', 'conversions_mark_updated', 'conversions_mark_deleted'])
      await db.query(`DROP TRIGGER IF EXISTS ${trigger} ON conversions`);
    await db.query('DROP FUNCTION IF EXISTS conversions_mark_hours()');
    for (const table of ['conversion_rollup_daily', 'conversion_rollup_hourly', 'conversion_dirty_hours'])
      await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
