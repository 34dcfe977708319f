import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ConversionKind = 'lead' | 'sale';

/**
 * A lead or a sale. The attributed click's dimensions are copied onto the row when it is
 * attributed, so analytics and journeys read conversions without joining the raw events.
 * Written by the worker only (libs/conversions), in bulk SQL; the entity documents the table.
 */
@Entity('conversions')
export class Conversion {
  @PrimaryColumn('uuid', { name: 'creator_id' })
  creatorId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  kind: ConversionKind;

  /** eventId (for sales invoiceId, then eventId), or the capture id: unique per creator and kind */
  @Column('text', { name: 'dedup_key' })
  dedupKey: string;

  @Column('text', { name: 'event_name' })
  eventName: string;

  @Column('text', { name: 'event_id', nullable: true })
  eventId: string | null;

  @Column('text', { name: 'invoice_id', nullable: true })
  invoiceId: string | null;

  /** the creator's own opaque id for their customer */
  @Column('text', { name: 'customer_id', nullable: true })
  customerId: string | null;

  /** sales only: minor units of `currency` */
  @Column('bigint', { nullable: true })
  amount: string | null;

  /** sales only: ISO 4217 */
  @Column('text', { nullable: true })
  currency: string | null;

  @Column('jsonb', { nullable: true })
  metadata: Record<string, unknown> | null;

  /** the click id the caller gave, kept even when it was refused (unknown, foreign, stale) */
  @Column('uuid', { name: 'requested_click_id', nullable: true })
  requestedClickId: string | null;

  @Column('boolean')
  attributed: boolean;

  /** the click the conversion is attributed to; null when unattributed */
  @Column('uuid', { name: 'click_id', nullable: true })
  clickId: string | null;

  @Column('timestamptz', { name: 'click_at', nullable: true })
  clickAt: Date | null;

  @Column('uuid', { name: 'link_id', nullable: true })
  linkId: string | null;

  @Column('text', { name: 'visitor_id', nullable: true })
  visitorId: string | null;

  @Column('text', { nullable: true })
  source: string | null;

  @Column('text', { name: 'referrer_host', nullable: true })
  referrerHost: string | null;

  @Column('text', { name: 'utm_source', nullable: true })
  utmSource: string | null;

  @Column('text', { name: 'utm_medium', nullable: true })
  utmMedium: string | null;

  @Column('text', { name: 'utm_campaign', nullable: true })
  utmCampaign: string | null;

  @Column('text', { name: 'utm_term', nullable: true })
  utmTerm: string | null;

  @Column('text', { name: 'utm_content', nullable: true })
  utmContent: string | null;

  @Column('text', { nullable: true })
  country: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { nullable: true })
  device: string | null;

  @Column('text', { nullable: true })
  browser: string | null;

  @Column('text', { nullable: true })
  os: string | null;

  @Column('text', { nullable: true })
  via: string | null;
}
