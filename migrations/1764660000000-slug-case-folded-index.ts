import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slugs are matched exactly, but a new slug may not differ from another link's only by case
 * (`/MERCH` beside `/merch`, docs/links.md "Slugs and case"): the check looks slugs up by their
 * lower-case form. Links that already differ only by case keep working.
 */
export class SlugCaseFoldedIndex1764660000000 implements MigrationInterface {
  name = 'SlugCaseFoldedIndex1764660000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX links_slug_folded ON links (lower(slug))');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX links_slug_folded');
  }
}
