import type { LinkRule } from '@app/common';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('links')
export class Link {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  /** case-sensitive, unique across the instance */
  @Column('text')
  slug: string;

  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  title: string | null;

  @Column('boolean', { name: 'on_profile' })
  onProfile: boolean;

  /** order on the creator's public page, ascending */
  @Column('integer', { name: 'profile_position' })
  profilePosition: number;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  /** where an expired link sends people instead of the 410 page */
  @Column('text', { name: 'fallback_url', nullable: true })
  fallbackUrl: string | null;

  @Column('text', { array: true })
  tags: string[];

  /** targeting rules, first match wins; null: none */
  @Column('jsonb', { nullable: true })
  rules: LinkRule[] | null;

  /** before this, the link answers 404 (or its fallback) */
  @Column('timestamptz', { name: 'starts_at', nullable: true })
  startsAt: Date | null;

  /** the redirect adds `lp_cid=<click id>` to the target, for conversions on the creator's site */
  @Column('boolean', { name: 'conversion_tracking' })
  conversionTracking: boolean;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
