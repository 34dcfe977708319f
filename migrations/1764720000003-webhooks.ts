import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (SPEC §10, docs/webhooks.md).
 *
 * - `webhooks`: a creator's endpoint, the events it wants and its signing secret. `failing_since`
 *   is the first failed attempt of the current run of failures (cleared by a success); 24 hours
 *   of failures disable the webhook (`disabled_at`, `disabled_reason`).
 * - `webhook_deliveries`: the log: each delivery's body (signed as stored), status and last attempt.
 */
export class Webhooks1764720000003 implements MigrationInterface {
  name = 'Webhooks1764720000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhooks (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        failing_since timestamptz,
        disabled_at timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (creator_id, id)
      )`);
    await db.query(`
      CREATE TABLE webhook_deliveries (
        creator_id uuid NOT NULL,
        id uuid NOT NULL,
        webhook_id uuid NOT NULL,
        event text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'retrying', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        response_status integer,
        error text,
        duration_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        PRIMARY KEY (creator_id, id),
        FOREIGN KEY (creator_id, webhook_id) REFERENCES webhooks (creator_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (creator_id, webhook_id, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE webhook_deliveries');
    await db.query('DROP TABLE webhooks');
  }
}
