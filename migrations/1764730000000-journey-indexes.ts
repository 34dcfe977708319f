import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Journeys (SPEC section 9) read visits straight from the raw events and conversions; these
 * indexes make that fast without a second copy of the data.
 *
 * - `events_visits_idx`: people's events by time, carrying what a visit needs (visitor id, kind,
 *   link). A range's visits, paths and segments are an index-only scan of this narrow index
 *   instead of the wide event rows.
 * - `events_visitor_idx`: one visitor id's events by time: the steps of a page of visits, and of a
 *   customer's visits, are a few index lookups.
 * - `conversions_visit_idx`: attributed conversions by their click's time, with the visitor id:
 *   a conversion belongs to the visit of its click, so a range's visits find theirs by the range.
 * - `customers_recent_idx`: the customer list, newest first.
 */
export class JourneyIndexes1764730000000 implements MigrationInterface {
  name = 'JourneyIndexes1764730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX events_visits_idx ON events (creator_id, occurred_at) INCLUDE (visitor_id, kind, link_id) WHERE NOT is_bot`,
    );
    await db.query(`CREATE INDEX events_visitor_idx ON events (creator_id, visitor_id, occurred_at) WHERE NOT is_bot`);
    await db.query(
      `CREATE INDEX conversions_visit_idx ON conversions (creator_id, click_at) INCLUDE (visitor_id, kind) WHERE click_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX customers_recent_idx ON customers (creator_id, first_seen_at, customer_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS customers_recent_idx');
    await db.query('DROP INDEX IF EXISTS conversions_visit_idx');
    await db.query('DROP INDEX IF EXISTS events_visitor_idx');
    await db.query('DROP INDEX IF EXISTS events_visits_idx');
  }
}
