import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Link imports (docs/imports.md): `imports` holds an uploaded export until its rows are done, and
 * the import's progress; `import_rows` the per-row report, one row per data row of the file, keyed
 * by its line so a chunk run twice (a worker killed mid-import) reports each row once.
 */
export class Imports1764740000000 implements MigrationInterface {
  name = 'Imports1764740000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        filename text,
        format text NOT NULL CHECK (format IN ('bitly', 'shlink', 'kutt', 'yourls', 'plain')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        total_rows integer NOT NULL,
        rows_done integer NOT NULL DEFAULT 0,
        imported integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        csv text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query('CREATE INDEX imports_creator_created ON imports (creator_id, created_at DESC)');
    await db.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        line integer NOT NULL,
        slug text,
        url text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('imported', 'skipped')),
        reason text,
        message text,
        link_id uuid,
        PRIMARY KEY (import_id, line)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE import_rows');
    await db.query('DROP TABLE imports');
  }
}
