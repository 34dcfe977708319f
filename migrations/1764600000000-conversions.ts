import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conversions (SPEC section 8): leads and sales, what a click led to.
 *
 * `conversions` is keyed by (creator_id, id) like the events, so it can be distributed by creator.
 * Each row carries the dimensions of the click it is attributed to, copied when it is attributed,
 * so analytics never joins the raw events (which are dropped after RAW_RETENTION_DAYS), and a
 * visit (one visitor id's events of a day) reads its clicks and conversions side by side through
 * `visitor_id` and `click_id`. `dedup_key` is the caller's eventId (for sales invoiceId, then
 * eventId), or the capture id when none was given: unique per creator and kind, it makes a
 * repeated call count once.
 *
 * `customers` holds, per creator's own opaque customer id, the click of the customer's first
 * attributed lead: the click a customer's later sales belong to.
 */
export class Conversions1764600000000 implements MigrationInterface {
  name = 'Conversions1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE creators ADD COLUMN conversion_tracking boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE creators ADD COLUMN currency text NOT NULL DEFAULT 'USD'`);
    await db.query(`ALTER TABLE links ADD COLUMN conversion_tracking boolean NOT NULL DEFAULT false`);

    await db.query(`
      CREATE TABLE publishable_keys (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        name text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        prefix text NOT NULL,
        allowed_origins text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await db.query(`CREATE INDEX publishable_keys_creator_idx ON publishable_keys (creator_id)`);
    // CORS preflights carry no key: they ask whether any key allows the origin
    await db.query(`CREATE INDEX publishable_keys_origins_idx ON publishable_keys USING gin (allowed_origins)`);

    await db.query(`
      CREATE TABLE conversions (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('lead', 'sale')),
        dedup_key text NOT NULL,
        event_name text NOT NULL,
        event_id text,
        invoice_id text,
        customer_id text,
        amount bigint CHECK (amount >= 0),
        currency text,
        metadata jsonb,
        requested_click_id uuid,
        attributed boolean NOT NULL,
        click_id uuid,
        click_at timestamptz,
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        visitor_id text,
        source text,
        referrer_host text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        utm_term text,
        utm_content text,
        country text,
        region text,
        city text,
        device text,
        browser text,
        os text,
        via text,
        PRIMARY KEY (creator_id, id),
        UNIQUE (creator_id, kind, dedup_key),
        CHECK ((kind = 'sale') = (amount IS NOT NULL AND currency IS NOT NULL)),
        CHECK (attributed = (click_id IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX conversions_time_idx ON conversions (creator_id, occurred_at)`);
    await db.query(`CREATE INDEX conversions_customer_idx ON conversions (creator_id, customer_id, occurred_at)`);
    await db.query(`CREATE INDEX conversions_click_idx ON conversions (creator_id, click_id) WHERE click_id IS NOT NULL`);
    await db.query(`CREATE INDEX conversions_link_idx ON conversions (link_id, occurred_at) WHERE link_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE customers (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        customer_id text NOT NULL,
        first_seen_at timestamptz NOT NULL,
        lead_at timestamptz,
        click_id uuid,
        click_at timestamptz,
        link_id uuid REFERENCES links (id) ON DELETE SET NULL,
        PRIMARY KEY (creator_id, customer_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS customers');
    await db.query('DROP TABLE IF EXISTS conversions');
    await db.query('DROP TABLE IF EXISTS publishable_keys');
    await db.query('ALTER TABLE links DROP COLUMN IF EXISTS conversion_tracking');
    await db.query('ALTER TABLE creators DROP COLUMN IF EXISTS currency');
    await db.query('ALTER TABLE creators DROP COLUMN IF EXISTS conversion_tracking');
  }
}
