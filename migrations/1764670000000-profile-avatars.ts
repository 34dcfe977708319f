import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An avatar can be uploaded (docs/dashboard.md "Avatars"): its bytes live beside the profile and
 * are served at /avatars/{avatar_key}.{ext}. The key is a hash of the creator and the bytes, so
 * the address changes with the image and can be cached forever, and says nothing about the creator.
 */
export class ProfileAvatars1764670000000 implements MigrationInterface {
  name = 'ProfileAvatars1764670000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE profiles
        ADD COLUMN avatar_image bytea,
        ADD COLUMN avatar_type text CHECK (avatar_type IN ('image/png', 'image/jpeg', 'image/webp')),
        ADD COLUMN avatar_key text`);
    await db.query('CREATE UNIQUE INDEX profiles_avatar_key ON profiles (avatar_key) WHERE avatar_key IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX profiles_avatar_key');
    await db.query('ALTER TABLE profiles DROP COLUMN avatar_image, DROP COLUMN avatar_type, DROP COLUMN avatar_key');
  }
}
