import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slugs and usernames that were let go (a link deleted or renamed, an account deleted or renamed)
 * stay reserved until `reserved_until` (SLUG_QUARANTINE_DAYS, SPEC section 11): a printed QR code
 * must not start leading to someone else's page. `name` is lower-case (slugs are unique in any
 * case). `former_creator_id` may take its own name back; it is null when the account is gone,
 * and then no one may. No foreign key: the row outlives the account on purpose.
 */
export class NameQuarantine1764710000000 implements MigrationInterface {
  name = 'NameQuarantine1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE name_quarantine (
        kind text NOT NULL CHECK (kind IN ('slug', 'username')),
        name text NOT NULL CHECK (name = lower(name)),
        former_creator_id uuid,
        released_at timestamptz NOT NULL DEFAULT now(),
        reserved_until timestamptz NOT NULL,
        PRIMARY KEY (kind, name)
      )`);
    await db.query('CREATE INDEX name_quarantine_until ON name_quarantine (reserved_until)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE name_quarantine');
  }
}
