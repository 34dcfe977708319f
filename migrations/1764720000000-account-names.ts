import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are stored normalised (NFKC, case-folded once: apps/api/src/auth/account.rules.ts) and are
 * unique as stored, so the sign-in lookup and the rate limiter key by one string. Usernames get
 * their confusable skeleton (`rn` → `m`, `vv` → `w`, `cl` → `d`, `0` → `o`, `1` → `l`), indexed,
 * so a look-alike of an existing name can be refused.
 * The normalisation and the skeleton are written out here as they were when this ran.
 */
export class AccountNames1764720000000 implements MigrationInterface {
  name = 'AccountNames1764720000000';

  async up(db: QueryRunner): Promise<void> {
    const rows = (await db.query('SELECT id, email FROM creators')) as { id: string; email: string }[];
    for (const { id, email } of rows) {
      const normalised = email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
      // two accounts that only NFKC tells apart keep their emails as they were (none is lost)
      if (normalised !== email) {
        await db.query('UPDATE creators SET email = $2 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM creators WHERE email = $2)', [
          id,
          normalised,
        ]);
      }
    }
    await db.query('DROP INDEX creators_email_key');
    await db.query('CREATE UNIQUE INDEX creators_email_key ON creators (email)');

    await db.query('ALTER TABLE creators ADD COLUMN username_skeleton text');
    await db.query(`
      UPDATE creators SET username_skeleton =
        translate(replace(replace(replace(lower(username), 'rn', 'm'), 'vv', 'w'), 'cl', 'd'), '01', 'ol')`);
    await db.query('CREATE INDEX creators_username_skeleton ON creators (username_skeleton)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX creators_username_skeleton');
    await db.query('ALTER TABLE creators DROP COLUMN username_skeleton');
    await db.query('DROP INDEX creators_email_key');
    await db.query('CREATE UNIQUE INDEX creators_email_key ON creators (lower(email))');
  }
}
