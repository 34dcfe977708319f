import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targeting rules and a start time on links (docs/links.md, "Rules"): `rules` is the checked list
 * of `{if: {device?, os?, language?}, url}` the redirect matches in order; `starts_at` holds a
 * link back (404, or its fallback) until then. Both null on every existing link.
 */
export class LinkRules1764740200000 implements MigrationInterface {
  name = 'LinkRules1764740200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE links ADD COLUMN rules jsonb, ADD COLUMN starts_at timestamptz');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE links DROP COLUMN rules, DROP COLUMN starts_at');
  }
}
