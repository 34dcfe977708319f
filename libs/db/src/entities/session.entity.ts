import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A login session; the cookie holds a random token, the table only its SHA-256. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
