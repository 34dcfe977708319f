import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A read-only link to a creator's analytics, or to one link's (`linkId`). */
@Entity('shares')
export class Share {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  /** null: all of the creator's analytics */
  @Column('uuid', { name: 'link_id', nullable: true })
  linkId: string | null;

  /** the secret part of `/share/{token}` */
  @Column('text')
  token: string;

  /** argon2id, or null when the share needs no password */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
