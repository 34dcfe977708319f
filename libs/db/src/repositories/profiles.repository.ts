import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProfileTheme } from '@app/common';
import { Profile } from '../entities/profile.entity.js';

/** A profile with its creator's username (the page's address). */
export interface ProfileRecord {
  creatorId: string;
  username: string;
  title: string;
  bio: string;
  avatarUrl: string | null;
  theme: ProfileTheme;
}

/** An uploaded avatar as stored. */
export interface UploadedAvatar {
  key: string;
  type: string;
  bytes: Buffer;
}

export type ProfileChanges = Partial<Pick<Profile, 'title' | 'bio' | 'avatarUrl' | 'theme'>>;

const PROFILE_COLUMNS = `c.id AS "creatorId", c.username, COALESCE(p.title, c.username) AS title, COALESCE(p.bio, '') AS bio,
  p.avatar_url AS "avatarUrl", COALESCE(p.theme, 'light') AS theme
  FROM creators c LEFT JOIN profiles p ON p.creator_id = c.id`;

/** The profiles table, with the creator's username beside it. */
@Injectable()
export class ProfilesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The new creator's page, titled with their username (inside the signup's transaction). */
  async insert(tx: EntityManager, creatorId: string, title: string): Promise<void> {
    await tx.query('INSERT INTO profiles (creator_id, title) VALUES ($1, $2)', [creatorId, title]);
  }

  async find(creatorId: string): Promise<ProfileRecord | null> {
    const rows = await this.db.query<ProfileRecord[]>(`SELECT ${PROFILE_COLUMNS} WHERE c.id = $1`, [creatorId]);
    return rows[0] ?? null;
  }

  /** Usernames are unique case-insensitively, so `/@Ana` and `/@ana` are the same page. */
  async findByUsername(username: string): Promise<ProfileRecord | null> {
    const rows = await this.db.query<ProfileRecord[]>(`SELECT ${PROFILE_COLUMNS} WHERE lower(c.username) = lower($1)`, [
      username,
    ]);
    return rows[0] ?? null;
  }

  /** A new avatarUrl drops the uploaded image it replaces. */
  async update(tx: EntityManager, creatorId: string, changes: ProfileChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    const image = 'avatarUrl' in changes ? { avatarImage: null, avatarType: null, avatarKey: null } : {};
    await tx.getRepository(Profile).update({ creatorId }, { ...changes, ...image });
  }

  /** Makes the uploaded image the creator's avatar, at `url`. */
  async setAvatarImage(creatorId: string, image: UploadedAvatar, url: string): Promise<void> {
    await this.db
      .getRepository(Profile)
      .update({ creatorId }, { avatarUrl: url, avatarImage: image.bytes, avatarType: image.type, avatarKey: image.key });
  }

  async avatarImageByKey(key: string): Promise<UploadedAvatar | null> {
    const rows = await this.db.query<UploadedAvatar[]>(
      'SELECT avatar_key AS key, avatar_type AS type, avatar_image AS bytes FROM profiles WHERE avatar_key = $1',
      [key],
    );
    return rows[0] ?? null;
  }

  /**
   * Takes the creator's profile row lock for the rest of the transaction, so changes to the order
   * of the profile's links (appending a link, reordering) happen one at a time.
   */
  async lockLinkOrder(tx: EntityManager, creatorId: string): Promise<void> {
    await tx.query('SELECT 1 FROM profiles WHERE creator_id = $1 FOR UPDATE', [creatorId]);
  }
}
