import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anomaly alerts (SPEC §10, docs/alerts.md).
 *
 * - `alert_settings`: a creator's threshold (robust deviations), minimum volume and the kinds they
 *   want; no row means the defaults.
 * - `alerts`: one anomaly of one kind, for the creator's whole traffic (`link_id` NULL) or one link,
 *   from `first_hour` to `last_hour` (an alert grows while its anomaly lasts, it is never repeated).
 *   `peak` holds the hour that strayed furthest (its metrics, expectation and deviations), `drivers`
 *   the values that drove it with their baseline shares.
 * - `alert_clock`: the last hour judged for every creator, moved forward by one worker at a time.
 */
export class Alerts1764720000002 implements MigrationInterface {
  name = 'Alerts1764720000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_settings (
        creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
        enabled boolean NOT NULL DEFAULT true,
        threshold double precision NOT NULL CHECK (threshold >= 1 AND threshold <= 20),
        min_volume integer NOT NULL CHECK (min_volume >= 1),
        kinds text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE alerts (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('spike', 'drop', 'bot_surge')),
        first_hour timestamptz NOT NULL,
        last_hour timestamptz NOT NULL,
        peak_hour timestamptz NOT NULL,
        peak jsonb NOT NULL,
        drivers jsonb NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (creator_id, id)
      )`);
    await db.query(`CREATE INDEX alerts_creator_hour_idx ON alerts (creator_id, last_hour DESC)`);
    await db.query(`CREATE INDEX alerts_link_idx ON alerts (link_id) WHERE link_id IS NOT NULL`);
    await db.query(`CREATE TABLE alert_clock (id smallint PRIMARY KEY CHECK (id = 1), judged_through timestamptz NOT NULL)`);
    await db.query(
      `INSERT INTO alert_clock (id, judged_through) VALUES (1, date_trunc('hour', now(), 'UTC') - interval '1 hour')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['alert_clock', 'alerts', 'alert_settings']) await db.query(`DROP TABLE ${table}`);
  }
}
