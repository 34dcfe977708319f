import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A personal API token; shown once at creation, stored as its SHA-256. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  @Column('text')
  name: string;

  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  /** the first characters of the token, to recognise it in a list */
  @Column('text')
  prefix: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
