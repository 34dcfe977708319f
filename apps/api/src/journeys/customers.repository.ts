import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PageCursor } from './page-cursor.js';

export interface CustomerRow {
  customerId: string;
  firstSeenAt: Date;
  leadAt: Date | null;
  linkId: string | null;
}

/** A customer's leads, sales and revenue in one currency (currency null: leads only). */
export interface CustomerTotalRow {
  customerId: string;
  currency: string | null;
  leads: number;
  sales: number;
  amount: string;
}

/** One of a customer's conversions, with the click it belongs to (none: unattributed). */
export interface CustomerConversionRow {
  kind: 'lead' | 'sale';
  at: Date;
  clickAt: Date | null;
  visitorId: string | null;
  linkId: string | null;
  source: string | null;
  eventName: string;
  amount: string | null;
  currency: string | null;
}

const CUSTOMER_COLUMNS = `customer_id AS "customerId", first_seen_at AS "firstSeenAt", lead_at AS "leadAt", link_id AS "linkId"`;

/** Customers (SPEC section 8) and their conversions, for journeys. */
@Injectable()
export class CustomersRepository {
  /** A page of the creator's customers, newest first (by first conversion, then id), after `before`. */
  async page(tx: EntityManager, creatorId: string, before: PageCursor | null, limit: number): Promise<CustomerRow[]> {
    return tx.query(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers
        WHERE creator_id = $1 AND ($2::timestamptz IS NULL OR (first_seen_at, customer_id) < ($2::timestamptz, $3::text))
        ORDER BY first_seen_at DESC, customer_id DESC LIMIT $4`,
      [creatorId, before ? new Date(before.at) : null, before?.id ?? null, limit],
    );
  }

  async find(tx: EntityManager, creatorId: string, customerId: string): Promise<CustomerRow | null> {
    const rows: CustomerRow[] = await tx.query(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE creator_id = $1 AND customer_id = $2`,
      [creatorId, customerId],
    );
    return rows[0] ?? null;
  }

  async totals(tx: EntityManager, creatorId: string, customerIds: string[]): Promise<CustomerTotalRow[]> {
    if (customerIds.length === 0) return [];
    return tx.query(
      `SELECT customer_id AS "customerId", currency,
              count(*) FILTER (WHERE kind = 'lead')::int AS leads, count(*) FILTER (WHERE kind = 'sale')::int AS sales,
              coalesce(sum(amount), 0)::text AS amount
         FROM conversions WHERE creator_id = $1 AND customer_id = ANY($2::text[])
        GROUP BY 1, 2`,
      [creatorId, customerIds],
    );
  }

  /** The customer's conversions, oldest first, at most `limit`. */
  async conversions(tx: EntityManager, creatorId: string, customerId: string, limit: number): Promise<CustomerConversionRow[]> {
    return tx.query(
      `SELECT kind, occurred_at AS at, click_at AS "clickAt", visitor_id AS "visitorId", link_id AS "linkId", source,
              event_name AS "eventName", amount::text AS amount, currency
         FROM conversions WHERE creator_id = $1 AND customer_id = $2
        ORDER BY occurred_at, id LIMIT $3`,
      [creatorId, customerId, limit],
    );
  }

  /** The creator's zone and currency. */
  async creatorSettings(tx: EntityManager, creatorId: string): Promise<{ timezone: string; currency: string }> {
    const rows: { timezone: string; currency: string }[] = await tx.query(
      'SELECT timezone, currency FROM creators WHERE id = $1',
      [creatorId],
    );
    return rows[0] ?? { timezone: 'UTC', currency: 'USD' };
  }
}
