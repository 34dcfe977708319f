import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AppConfig,
  columnArrays,
  type InsertColumn,
  unnestColumns,
  VISIT_DIMENSION_COLUMNS,
  visitDimensionValues,
} from '@app/common';
import type { DataSource, EntityManager } from 'typeorm';
import { attributionWindow, isWithinWindow } from './attribution.rules.js';
import { AttributionClicks } from './attribution-clicks.js';
import type { AttributedClick, CapturedConversion } from './conversion.types.js';

/** A conversion as stored: attributed to a click, or not (`click` null). */
export interface StoredConversion extends CapturedConversion {
  click: AttributedClick | null;
}

/** The columns a conversion copies from its click, in the order of clickValues. */
const CLICK_COLUMNS: readonly InsertColumn[] = [
  ['click_id', 'uuid'],
  ['click_at', 'timestamptz'],
  ['link_id', 'uuid'],
  ...VISIT_DIMENSION_COLUMNS,
];

const COLUMNS: readonly InsertColumn[] = [
  ['creator_id', 'uuid'],
  ['id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['kind', 'text'],
  ['dedup_key', 'text'],
  ['event_name', 'text'],
  ['event_id', 'text'],
  ['invoice_id', 'text'],
  ['customer_id', 'text'],
  ['amount', 'bigint'],
  ['currency', 'text'],
  ['metadata', 'jsonb'],
  ['requested_click_id', 'uuid'],
  ['attributed', 'boolean'],
  ...CLICK_COLUMNS,
];

function clickValues(click: AttributedClick | null): unknown[] {
  return [click?.id ?? null, click?.at.toISOString() ?? null, click?.linkId ?? null, ...visitDimensionValues(click)];
}

function columnValues(conversion: StoredConversion): unknown[] {
  return [
    conversion.creatorId,
    conversion.id,
    new Date(conversion.at).toISOString(),
    conversion.kind,
    conversion.dedupKey,
    conversion.eventName,
    conversion.eventId,
    conversion.invoiceId,
    conversion.customerId,
    conversion.amount,
    conversion.currency,
    conversion.metadata === null ? null : JSON.stringify(conversion.metadata),
    conversion.clickId,
    conversion.click !== null,
    ...clickValues(conversion.click),
  ];
}

/* conversions of a deleted creator are dropped; a key stored before (a repeated call) inserts nothing */
const INSERT_SQL = `
  INSERT INTO conversions (${COLUMNS.map(([name]) => name).join(', ')})
  SELECT u.* FROM ${unnestColumns(COLUMNS)}
   WHERE EXISTS (SELECT 1 FROM creators c WHERE c.id = u.creator_id)
  ON CONFLICT DO NOTHING
  RETURNING id`;

/*
 * A customer is remembered from their first conversion; the click of their earliest attributed lead
 * is the click their later sales belong to.
 */
const CUSTOMERS_SQL = `
  INSERT INTO customers AS k (creator_id, customer_id, first_seen_at, lead_at, click_id, click_at, link_id)
  SELECT u.* FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::uuid[], $6::timestamptz[], $7::uuid[])
      AS u(creator_id, customer_id, first_seen_at, lead_at, click_id, click_at, link_id)
   WHERE EXISTS (SELECT 1 FROM creators c WHERE c.id = u.creator_id)
   ORDER BY 1, 2
  ON CONFLICT (creator_id, customer_id) DO UPDATE SET
    first_seen_at = least(k.first_seen_at, excluded.first_seen_at),
    lead_at = CASE WHEN excluded.click_id IS NOT NULL AND (k.lead_at IS NULL OR excluded.lead_at < k.lead_at) THEN excluded.lead_at ELSE k.lead_at END,
    click_id = CASE WHEN excluded.click_id IS NOT NULL AND (k.lead_at IS NULL OR excluded.lead_at < k.lead_at) THEN excluded.click_id ELSE k.click_id END,
    click_at = CASE WHEN excluded.click_id IS NOT NULL AND (k.lead_at IS NULL OR excluded.lead_at < k.lead_at) THEN excluded.click_at ELSE k.click_at END,
    link_id = CASE WHEN excluded.click_id IS NOT NULL AND (k.lead_at IS NULL OR excluded.lead_at < k.lead_at) THEN excluded.link_id ELSE k.link_id END`;

/*
 * Conversions of a customer that came before the lead that gave the customer their click (a sale
 * processed before its lead, by another worker) are attributed to it now, when the caller gave no
 * click id of their own and the click's window covers them.
 */
const REATTRIBUTE_SQL = `
  UPDATE conversions AS v
     SET attributed = true, ${CLICK_COLUMNS.map(([name]) => `${name} = u.${name}`).join(', ')}
    FROM ${unnestColumns([
      ['creator_id', 'uuid'],
      ['customer_id', 'text'],
      ['window_start', 'timestamptz'],
      ['window_end', 'timestamptz'],
      ...CLICK_COLUMNS,
    ])}
   WHERE v.creator_id = u.creator_id AND v.customer_id = u.customer_id
     AND NOT v.attributed AND v.requested_click_id IS NULL
     AND v.occurred_at >= u.window_start AND v.occurred_at <= u.window_end
  RETURNING v.id`;

interface CustomerClick {
  clickId: string | null;
}

/** A batch's news about one customer: first seen, and their earliest attributed lead in it. */
interface CustomerRow {
  creatorId: string;
  customerId: string;
  firstSeenAt: Date;
  lead: { at: Date; click: AttributedClick } | null;
}

const customerKey = (creatorId: string, customerId: string): string => `${creatorId} ${customerId}`;

/** The batch without repeats: a conversion sent twice (same id, from its dedup key) once, the first. */
function uniqueById(conversions: CapturedConversion[]): CapturedConversion[] {
  const seen = new Set<string>();
  return conversions.filter((c) => !seen.has(c.id) && seen.add(c.id));
}

/*
 * One row per customer: an INSERT … ON CONFLICT DO UPDATE cannot touch one row twice, and a batch
 * often holds a customer's lead and sale, or two sales.
 */
function customerRows(conversions: (StoredConversion & { customerId: string })[]): CustomerRow[] {
  const rows = new Map<string, CustomerRow>();
  for (const conversion of conversions) {
    const key = customerKey(conversion.creatorId, conversion.customerId);
    const at = new Date(conversion.at);
    const row = rows.get(key) ?? {
      creatorId: conversion.creatorId,
      customerId: conversion.customerId,
      firstSeenAt: at,
      lead: null,
    };
    if (at < row.firstSeenAt) row.firstSeenAt = at;
    if (conversion.kind === 'lead' && conversion.click && (!row.lead || at < row.lead.at)) {
      row.lead = { at, click: conversion.click };
    }
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Attributes and stores conversions exactly once (SPEC section 8): a conversion belongs to the
 * click id it names, else to its customer's lead click; within ATTRIBUTION_DAYS of that click and
 * only to a click of the same creator, otherwise it is stored unattributed. One transaction per
 * batch; the batch's customers are locked first, so a lead and a sale of one customer processed at
 * once by two workers are attributed as if one came after the other.
 */
@Injectable()
export class ConversionStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Stores the conversions; returns those stored now (a repeated one is not returned again). */
  async store(conversions: CapturedConversion[]): Promise<StoredConversion[]> {
    if (conversions.length === 0) return [];
    // leads first: a sale in the same batch belongs to its customer's lead click
    const ordered = uniqueById(conversions).sort((a, b) => (a.kind === b.kind ? a.at - b.at : a.kind === 'lead' ? -1 : 1));
    return this.db.transaction(async (tx) => {
      const customers = await this.lockCustomers(tx, ordered);
      const clicks = new AttributionClicks(tx);
      await clicks.load(
        ordered.flatMap((conversion) => (conversion.clickId ? [[conversion.creatorId, conversion.clickId]] : [])),
      );
      const leads = ordered.filter((conversion) => conversion.kind === 'lead');
      const sales = ordered.filter((conversion) => conversion.kind === 'sale');
      const storedLeads = await this.insert(tx, await this.attribute(leads, customers, clicks));
      await this.rememberCustomers(tx, storedLeads, customers);
      const storedSales = await this.insert(tx, await this.attribute(sales, customers, clicks));
      await this.rememberCustomers(tx, storedSales, customers);
      return [...storedLeads, ...storedSales];
    });
  }

  /** Locks the batch's customers (in one order, so two batches never deadlock) and reads their clicks. */
  private async lockCustomers(tx: EntityManager, conversions: CapturedConversion[]): Promise<Map<string, CustomerClick>> {
    const pairs = [
      ...new Set(conversions.flatMap((c) => (c.customerId === null ? [] : [customerKey(c.creatorId, c.customerId)]))),
    ];
    if (pairs.length === 0) return new Map();
    await tx.query(
      `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(p, 8190) AS k FROM unnest($1::text[]) AS p ORDER BY 1) s`,
      [pairs],
    );
    const rows: { creator_id: string; customer_id: string; click_id: string | null }[] = await tx.query(
      `SELECT k.creator_id, k.customer_id, k.click_id FROM customers k
         JOIN unnest($1::text[]) AS p ON p = k.creator_id || ' ' || k.customer_id`,
      [pairs],
    );
    return new Map(rows.map((row) => [customerKey(row.creator_id, row.customer_id), { clickId: row.click_id }]));
  }

  private async attribute(
    conversions: CapturedConversion[],
    customers: Map<string, CustomerClick>,
    clicks: AttributionClicks,
  ): Promise<StoredConversion[]> {
    const customerClickIds = conversions.flatMap((c) => {
      const clickId =
        c.clickId === null && c.customerId !== null ? customers.get(customerKey(c.creatorId, c.customerId))?.clickId : null;
      return clickId ? [[c.creatorId, clickId] as [string, string]] : [];
    });
    await clicks.load(customerClickIds);
    return conversions.map((conversion) => ({ ...conversion, click: this.clickOf(conversion, customers, clicks) }));
  }

  private clickOf(
    conversion: CapturedConversion,
    customers: Map<string, CustomerClick>,
    clicks: AttributionClicks,
  ): AttributedClick | null {
    const clickId =
      conversion.clickId ??
      (conversion.customerId === null
        ? null
        : (customers.get(customerKey(conversion.creatorId, conversion.customerId))?.clickId ?? null));
    const click = clickId === null ? undefined : clicks.get(conversion.creatorId, clickId);
    if (!click || !isWithinWindow(click.at, conversion.at, this.config.attributionDays)) return null;
    return click;
  }

  private async insert(tx: EntityManager, conversions: StoredConversion[]): Promise<StoredConversion[]> {
    if (conversions.length === 0) return [];
    const rows = conversions.map(columnValues);
    const inserted: { id: string }[] = await tx.query(INSERT_SQL, columnArrays(rows, COLUMNS.length));
    const ids = new Set(inserted.map((row) => row.id));
    return conversions.filter((conversion) => ids.has(conversion.id));
  }

  /**
   * Records the customers of stored conversions; a customer whose first attributed lead is among
   * them gets its click, and their earlier unattributed conversions are attributed to it.
   */
  private async rememberCustomers(
    tx: EntityManager,
    stored: StoredConversion[],
    customers: Map<string, CustomerClick>,
  ): Promise<void> {
    const withCustomer = stored.filter((c): c is StoredConversion & { customerId: string } => c.customerId !== null);
    if (withCustomer.length === 0) return;
    const rows = customerRows(withCustomer);
    await tx.query(CUSTOMERS_SQL, [
      rows.map((row) => row.creatorId),
      rows.map((row) => row.customerId),
      rows.map((row) => row.firstSeenAt.toISOString()),
      rows.map((row) => row.lead?.at.toISOString() ?? null),
      rows.map((row) => row.lead?.click.id ?? null),
      rows.map((row) => row.lead?.click.at.toISOString() ?? null),
      rows.map((row) => row.lead?.click.linkId ?? null),
    ]);
    const firstClicks = rows.flatMap(({ creatorId, customerId, lead }) =>
      lead && !customers.get(customerKey(creatorId, customerId))?.clickId ? [{ creatorId, customerId, click: lead.click }] : [],
    );
    for (const { creatorId, customerId, click } of firstClicks)
      customers.set(customerKey(creatorId, customerId), { clickId: click.id });
    await this.reattribute(tx, firstClicks);
  }

  private async reattribute(
    tx: EntityManager,
    firstClicks: { creatorId: string; customerId: string; click: AttributedClick }[],
  ): Promise<void> {
    if (firstClicks.length === 0) return;
    const rows = firstClicks.map(({ creatorId, customerId, click }) => {
      const window = attributionWindow(click.at, this.config.attributionDays);
      return [creatorId, customerId, window.start.toISOString(), window.end.toISOString(), ...clickValues(click)];
    });
    await tx.query(REATTRIBUTE_SQL, columnArrays(rows, rows[0].length));
  }
}
