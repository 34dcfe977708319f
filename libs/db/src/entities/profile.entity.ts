import type { ProfileTheme } from '@app/common';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The creator's link-in-bio page; which links show, and in what order, lives on the links. */
@Entity('profiles')
export class Profile {
  @PrimaryColumn('uuid', { name: 'creator_id' })
  creatorId: string;

  @Column('text')
  title: string;

  @Column('text')
  bio: string;

  @Column('text', { name: 'avatar_url', nullable: true })
  avatarUrl: string | null;

  @Column('text')
  theme: ProfileTheme;

  /** an uploaded avatar (avatarUrl then points at /avatars/{avatarKey}.{ext}); never read with the profile */
  @Column('bytea', { name: 'avatar_image', nullable: true, select: false })
  avatarImage: Buffer | null;

  @Column('text', { name: 'avatar_type', nullable: true, select: false })
  avatarType: string | null;

  @Column('text', { name: 'avatar_key', nullable: true, select: false })
  avatarKey: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
