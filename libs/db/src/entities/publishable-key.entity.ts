import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A publishable key (`pk_…`) for `/lp.js` on the creator's own site: it can record conversions and
 * nothing else, and only from its allowed origins. Shown once at creation, stored as its SHA-256.
 */
@Entity('publishable_keys')
export class PublishableKey {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  @Column('text')
  name: string;

  @Column('bytea', { name: 'key_hash' })
  keyHash: Buffer;

  /** the first characters of the key, to recognise it in a list */
  @Column('text')
  prefix: string;

  /** origins (`https://shop.example.com`) whose pages may use the key; CORS answers only these */
  @Column('text', { name: 'allowed_origins', array: true })
  allowedOrigins: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
