import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link's daily rollup rows hold every dimension (until now: totals only), so the breakdowns of
 * one link read whole days from rollups instead of raw events. The rollup job replaces a link's
 * rows of a day all at once, by the new (creator, link, day) index. Days already rolled up are
 * marked dirty (their first hour) so the job rebuilds them with the new rows. Visitors per link and
 * dimension value are not counted (NULL): questions about them count raw events.
 */
export class RollupsLinkDays1764550000000 implements MigrationInterface {
  name = 'RollupsLinkDays1764550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS rollup_daily_link_day_idx ON rollup_daily (creator_id, link_id, day)`);
    // a link's visitors per dimension value are not kept (they would double the job's cost): NULL
    await db.query(`ALTER TABLE rollup_daily ALTER COLUMN visitors DROP NOT NULL`);
    await db.query(`
      INSERT INTO rollup_dirty_hours (creator_id, hour)
      SELECT DISTINCT creator_id, day FROM rollup_daily
       WHERE link_id <> '00000000-0000-0000-0000-000000000000' AND dimension = 'total'
       ORDER BY 1, 2
      ON CONFLICT (creator_id, hour) DO UPDATE SET version = rollup_dirty_hours.version + 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM rollup_daily WHERE link_id <> '00000000-0000-0000-0000-000000000000' AND dimension <> 'total'`);
    await db.query('DROP INDEX IF EXISTS rollup_daily_link_day_idx');
    await db.query('UPDATE rollup_daily SET visitors = 0 WHERE visitors IS NULL');
    await db.query('ALTER TABLE rollup_daily ALTER COLUMN visitors SET NOT NULL');
  }
}
