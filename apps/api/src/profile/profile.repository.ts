import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Profile, type ProfileTheme } from '@app/db';
import { DataSource, type EntityManager } from 'typeorm';

export interface ProfileRecord {
  creatorId: string;
  username: string;
  title: string;
  bio: string;
  avatarUrl: string | null;
  theme: ProfileTheme;
}

export type ProfileChanges = Partial<Pick<Profile, 'title' | 'bio' | 'avatarUrl' | 'theme'>>;

/** A link as the public page shows it. */
export interface PublicLink {
  slug: string;
  title: string | null;
  url: string;
}

const PROFILE_COLUMNS = `c.id AS "creatorId", c.username, COALESCE(p.title, c.username) AS title, COALESCE(p.bio, '') AS bio,
  p.avatar_url AS "avatarUrl", COALESCE(p.theme, 'light') AS theme
  FROM creators c LEFT JOIN profiles p ON p.creator_id = c.id`;

/** The profiles table, with the creator's username beside it. */
@Injectable()
export class ProfileRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(creatorId: string): Promise<ProfileRecord | null> {
    const rows = (await this.db.query(`SELECT ${PROFILE_COLUMNS} WHERE c.id = $1`, [creatorId])) as ProfileRecord[];
    return rows[0] ?? null;
  }

  /** Usernames are unique case-insensitively, so `/@Ana` and `/@ana` are the same page. */
  async findByUsername(username: string): Promise<ProfileRecord | null> {
    const rows = (await this.db.query(`SELECT ${PROFILE_COLUMNS} WHERE lower(c.username) = lower($1)`, [
      username,
    ])) as ProfileRecord[];
    return rows[0] ?? null;
  }

  async update(tx: EntityManager, creatorId: string, changes: ProfileChanges): Promise<void> {
    if (Object.keys(changes).length > 0) await tx.getRepository(Profile).update({ creatorId }, changes);
  }

  /** The links the public page shows, in order: on the profile, neither archived nor expired. */
  publicLinks(creatorId: string): Promise<PublicLink[]> {
    return this.db.query(
      `SELECT slug, title, url FROM links
        WHERE creator_id = $1 AND on_profile AND archived_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        ORDER BY profile_position, created_at, id`,
      [creatorId],
    );
  }
}
