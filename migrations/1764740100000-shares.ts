import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared dashboards (docs/shares.md): a read-only view of a creator's analytics, or of one link's,
 * at `/share/{token}`. Revoking deletes the row; deleting the link or the creator deletes it too.
 */
export class Shares1764740100000 implements MigrationInterface {
  name = 'Shares1764740100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE shares (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        token text NOT NULL UNIQUE,
        password_hash text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX shares_creator ON shares (creator_id, created_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE shares');
  }
}
