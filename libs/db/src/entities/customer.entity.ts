import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A creator's customer, by the creator's own opaque id, and the click of their first attributed lead. */
@Entity('customers')
export class Customer {
  @PrimaryColumn('uuid', { name: 'creator_id' })
  creatorId: string;

  @PrimaryColumn('text', { name: 'customer_id' })
  customerId: string;

  @Column('timestamptz', { name: 'first_seen_at' })
  firstSeenAt: Date;

  /** when the lead that set `clickId` happened */
  @Column('timestamptz', { name: 'lead_at', nullable: true })
  leadAt: Date | null;

  /** the click the customer's sales belong to (their first attributed lead's) */
  @Column('uuid', { name: 'click_id', nullable: true })
  clickId: string | null;

  @Column('timestamptz', { name: 'click_at', nullable: true })
  clickAt: Date | null;

  @Column('uuid', { name: 'link_id', nullable: true })
  linkId: string | null;
}
