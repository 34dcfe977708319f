import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts, links, the profile, and the raw event store.
 *
 * `events` is partitioned by month on `occurred_at` (partitions are created ahead by the
 * worker, see event-partitions.ts) and keyed by (creator_id, occurred_at, id): the capture id
 * with its capture time makes every insert idempotent, and creator_id first lets the table be
 * distributed by creator.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE creators (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        username text NOT NULL,
        password_hash text NOT NULL,
        timezone text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX creators_email_key ON creators (lower(email))`);
    await db.query(`CREATE UNIQUE INDEX creators_username_key ON creators (lower(username))`);

    await db.query(`
      CREATE TABLE sessions (
        token_hash bytea PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX sessions_creator_idx ON sessions (creator_id)`);

    await db.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash bytea NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await db.query(`CREATE INDEX api_tokens_creator_idx ON api_tokens (creator_id)`);

    await db.query(`
      CREATE TABLE links (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        slug text NOT NULL UNIQUE,
        url text NOT NULL,
        title text,
        on_profile boolean NOT NULL DEFAULT false,
        profile_position integer NOT NULL DEFAULT 0,
        expires_at timestamptz,
        fallback_url text,
        tags text[] NOT NULL DEFAULT '{}',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX links_creator_idx ON links (creator_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE profiles (
        creator_id uuid PRIMARY KEY REFERENCES creators (id) ON DELETE CASCADE,
        title text NOT NULL DEFAULT '',
        bio text NOT NULL DEFAULT '',
        avatar_url text,
        theme text NOT NULL DEFAULT 'light',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE events (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('click', 'view')),
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        is_bot boolean NOT NULL,
        bot_name text,
        visitor_id text NOT NULL,
        source text NOT NULL,
        referrer_host text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        utm_term text,
        utm_content text,
        country text NOT NULL,
        region text NOT NULL,
        city text NOT NULL,
        device text NOT NULL,
        browser text NOT NULL,
        os text NOT NULL,
        via text NOT NULL,
        PRIMARY KEY (creator_id, occurred_at, id)
      ) PARTITION BY RANGE (occurred_at)`);
    await db.query(`CREATE INDEX events_link_idx ON events (link_id, occurred_at)`);

    await db.query(`
      CREATE TABLE rollup_dirty_hours (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        hour timestamptz NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        PRIMARY KEY (creator_id, hour)
      )`);

    await db.query(`
      CREATE TABLE visitor_salts (
        day date PRIMARY KEY,
        salt bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'visitor_salts',
      'rollup_dirty_hours',
      'events',
      'profiles',
      'links',
      'api_tokens',
      'sessions',
      'creators',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
