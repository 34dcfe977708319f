import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drill-downs from rollups, and rollups that add what changed instead of rebuilding days
 * (docs/analytics.md, "Tables" and "The rollup job").
 *
 * - `rollup_drill_daily`: per UTC day, the counts of every value of a dimension among the events
 *   with one value of a filter dimension (`source = instagram` × every country…), so a filtered
 *   breakdown reads whole days from here instead of raw events.
 * - `rollup_pending`: the events each stored batch added, per (creator, UTC hour), written in
 *   the statement that stores them; the rollup job adds exactly these events to the rollups and
 *   deletes the row in one transaction.
 * - `rollup_visitor_sets`: the distinct (dimension, value, visitor) of the recent UTC days, so new
 *   events add only the visitors the day had not seen yet. Keyed by day first: whole days are
 *   dropped once no event can be added to them any more.
 *
 * Every rolled-up day is marked dirty, so the job builds its drill-down rows (and the recent
 * days' visitor sets) once.
 */
export class DrillDownAndIncrementalRollups1764650000000 implements MigrationInterface {
  name = 'DrillDownAndIncrementalRollups1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rollup_drill_daily (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        filter text NOT NULL,
        filter_value text NOT NULL,
        dimension text NOT NULL,
        day timestamptz NOT NULL,
        value text NOT NULL,
        clicks integer NOT NULL,
        views integer NOT NULL,
        bot_hits integer NOT NULL,
        profile_clicks integer NOT NULL,
        PRIMARY KEY (creator_id, filter, filter_value, dimension, day, value)
      )`);

    await db.query(`CREATE SEQUENCE rollup_pending_batch_seq`);
    await db.query(`
      CREATE TABLE rollup_pending (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        hour timestamptz NOT NULL,
        batch bigint NOT NULL,
        occurred_at timestamptz[] NOT NULL,
        ids uuid[] NOT NULL,
        PRIMARY KEY (creator_id, hour, batch)
      )`);
    await db.query(`CREATE INDEX rollup_pending_hour_idx ON rollup_pending (hour)`);

    await db.query(`
      CREATE TABLE rollup_visitor_sets (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        day timestamptz NOT NULL,
        dimension text NOT NULL,
        value text NOT NULL,
        visitor_id text NOT NULL,
        PRIMARY KEY (day, creator_id, dimension, value, visitor_id)
      )`);

    await db.query(`
      INSERT INTO rollup_dirty_hours (creator_id, hour)
      SELECT DISTINCT creator_id, day FROM rollup_daily
       WHERE link_id = '00000000-0000-0000-0000-000000000000' AND dimension = 'total'
       ORDER BY 1, 2
      ON CONFLICT (creator_id, hour) DO UPDATE SET version = rollup_dirty_hours.version + 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    // events stored since are in no rollup yet: mark their hours for the previous job to rebuild
    await db.query(`
      INSERT INTO rollup_dirty_hours (creator_id, hour)
      SELECT DISTINCT creator_id, hour FROM rollup_pending ORDER BY 1, 2
      ON CONFLICT (creator_id, hour) DO UPDATE SET version = rollup_dirty_hours.version + 1`);
    for (const table of ['rollup_visitor_sets', 'rollup_pending', 'rollup_drill_daily']) await db.query(`DROP TABLE ${table}`);
    await db.query('DROP SEQUENCE rollup_pending_batch_seq');
  }
}
