import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('creators')
export class Creator {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  username: string;

  /** the username's confusable skeleton (`rnaya` → `maya`); null for rows written outside the API */
  @Column('text', { name: 'username_skeleton', nullable: true })
  usernameSkeleton: string | null;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  timezone: string;

  /** whether new links get `conversionTracking` when the request does not say */
  @Column('boolean', { name: 'conversion_tracking' })
  conversionTracking: boolean;

  /** ISO 4217; revenue in this currency is listed first */
  @Column('text')
  currency: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
