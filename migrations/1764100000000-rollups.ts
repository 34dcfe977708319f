import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollups analytics read for whole time slices, so a year answers in milliseconds while the
 * raw events stay the truth (docs/analytics.md explains how a range is split between them).
 *
 * Three grains, all UTC and all rebuilt from raw events by the rollup job:
 * - `rollup_quarter`: 15-minute totals. Every IANA offset is a multiple of 15 minutes, so days and
 *   hours of any zone are whole quarters; used for the edges of ranges in such zones.
 * - `rollup_hourly`: hourly counts per dimension value (`dimension = 'total'`, value '', is the total).
 * - `rollup_daily`: the same per UTC day, with distinct visitors (visitor ids change every UTC day,
 *   so the distinct visitors of a range are the sum over its days).
 *
 * `link_id` is the nil UUID for the rows covering all of the creator's events (clicks of every
 * link, profile views, bot hits); a link's own rows carry its id (see the next migration for
 * which dimensions).
 * Keys start with creator_id (the tables can be distributed by creator). A link's rows cannot
 * reference `links` (the nil id is no link), so a trigger removes them when the link is deleted
 * and marks the hours it had events in dirty, so the creator's totals are rebuilt without it.
 */
export class Rollups1764100000000 implements MigrationInterface {
  name = 'Rollups1764100000000';

  async up(db: QueryRunner): Promise<void> {
    const counts = `
        clicks integer NOT NULL,
        views integer NOT NULL,
        bot_hits integer NOT NULL,
        profile_clicks integer NOT NULL`;

    await db.query(`
      CREATE TABLE rollup_quarter (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        link_id uuid NOT NULL,
        slot timestamptz NOT NULL,${counts},
        PRIMARY KEY (creator_id, link_id, slot)
      )`);

    await db.query(`
      CREATE TABLE rollup_hourly (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        link_id uuid NOT NULL,
        dimension text NOT NULL,
        hour timestamptz NOT NULL,
        value text NOT NULL,${counts},
        PRIMARY KEY (creator_id, link_id, dimension, hour, value)
      )`);

    await db.query(`
      CREATE TABLE rollup_daily (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        link_id uuid NOT NULL,
        dimension text NOT NULL,
        day timestamptz NOT NULL,
        value text NOT NULL,${counts},
        visitors integer NOT NULL,
        PRIMARY KEY (creator_id, link_id, dimension, day, value)
      )`);

    // the rollup job lists dirty hours across creators, oldest first
    await db.query(`CREATE INDEX rollup_dirty_hours_hour_idx ON rollup_dirty_hours (hour)`);

    await db.query(`
      CREATE FUNCTION rollups_forget_link() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- when the whole account is being deleted its rollups go by cascade; nothing to rebuild
        IF EXISTS (SELECT 1 FROM creators WHERE id = OLD.creator_id) THEN
          INSERT INTO rollup_dirty_hours (creator_id, hour)
          SELECT OLD.creator_id, h.hour
            FROM rollup_hourly h
           WHERE h.creator_id = OLD.creator_id AND h.link_id = OLD.id AND h.dimension = 'total'
           ORDER BY h.hour
          ON CONFLICT (creator_id, hour) DO UPDATE SET version = rollup_dirty_hours.version + 1;
        END IF;
        DELETE FROM rollup_quarter WHERE creator_id = OLD.creator_id AND link_id = OLD.id;
        DELETE FROM rollup_hourly WHERE creator_id = OLD.creator_id AND link_id = OLD.id;
        DELETE FROM rollup_daily WHERE creator_id = OLD.creator_id AND link_id = OLD.id;
        DELETE FROM rollup_hourly
         WHERE creator_id = OLD.creator_id AND link_id = '00000000-0000-0000-0000-000000000000'
           AND dimension = 'link' AND value = OLD.id::text;
        DELETE FROM rollup_daily
         WHERE creator_id = OLD.creator_id AND link_id = '00000000-0000-0000-0000-000000000000'
           AND dimension = 'link' AND value = OLD.id::text;
        RETURN OLD;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER links_forget_rollups BEFORE DELETE ON links
        FOR EACH ROW EXECUTE FUNCTION rollups_forget_link()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER IF EXISTS links_forget_rollups ON links');
    await db.query('DROP FUNCTION IF EXISTS rollups_forget_link()');
    await db.query('DROP INDEX IF EXISTS rollup_dirty_hours_hour_idx');
    for (const table of ['rollup_daily', 'rollup_hourly', 'rollup_quarter']) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
