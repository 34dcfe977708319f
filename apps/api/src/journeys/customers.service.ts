import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SHORT_QUERY_SETTINGS, validTimeZone, ZoneClock } from '@app/analytics';
import { type CustomerResponse, type CustomersResponse, type CustomerSummary, NotFoundError, type Revenue } from '@app/common';
import { linkLabel, LinksRepository } from '@app/db';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CustomerConversionRow,
  type CustomerRow,
  CustomersRepository,
  type CustomerTotalRow,
} from './customers.repository.js';
import type { StepRow } from './journeys.repository.js';
import { checkLimit, dayLabel, JourneysService } from './journeys.service.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';
import { stepOf } from './visit.builder.js';

export const DEFAULT_CUSTOMERS_LIMIT = 20;
export const MAX_CUSTOMERS_LIMIT = 100;
/** A customer's timeline reads at most this many conversions (the oldest). */
export const MAX_CUSTOMER_CONVERSIONS = 1000;
const DAY = 86_400_000;

export class CustomerNotFoundError extends NotFoundError {
  constructor() {
    super('Customer not found');
  }
}

/** Revenue per currency, the creator's currency first, then alphabetically. */
export function revenueOf(rows: CustomerTotalRow[], creatorCurrency: string): Revenue[] {
  return rows
    .filter((row) => row.currency !== null)
    .map((row) => ({ currency: row.currency!, amount: Number(row.amount) }))
    .sort(
      (a, b) =>
        Number(b.currency === creatorCurrency) - Number(a.currency === creatorCurrency) || a.currency.localeCompare(b.currency),
    );
}

const asStepRow = (row: CustomerConversionRow, visit: number): StepRow => ({
  visit,
  type: row.kind,
  at: row.at,
  clickAt: row.clickAt,
  linkId: row.linkId,
  source: row.source,
  country: null,
  device: null,
  browser: null,
  os: null,
  eventName: row.eventName,
  amount: row.amount,
  currency: row.currency,
});

/**
 * Customers (SPEC section 8, by the creator's own customer id) with their leads, sales and
 * revenue; one customer's timeline: the visits of the clicks their conversions belong to, across days.
 */
@Injectable()
export class CustomersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: CustomersRepository,
    private readonly journeys: JourneysService,
    private readonly links: LinksRepository,
  ) {}

  async list(creatorId: string, limit = DEFAULT_CUSTOMERS_LIMIT, cursor?: string): Promise<CustomersResponse> {
    checkLimit(limit, MAX_CUSTOMERS_LIMIT);
    const before = cursor === undefined ? null : decodeCursor(cursor);
    return this.inSnapshot(async (tx) => {
      const rows = await this.repository.page(tx, creatorId, before, limit + 1);
      const page = rows.slice(0, limit);
      const customers = await this.summaries(tx, creatorId, page);
      const last = page[page.length - 1];
      return {
        customers,
        nextCursor: rows.length > limit ? encodeCursor({ at: last.firstSeenAt.getTime(), id: last.customerId }) : null,
      };
    });
  }

  async get(creatorId: string, customerId: string, tz?: string): Promise<CustomerResponse> {
    if (tz !== undefined) validTimeZone(tz);
    // no stored customer id is this long or holds a NUL (PostgreSQL text cannot)
    if (customerId.length > 256 || customerId.includes('\0')) throw new CustomerNotFoundError();
    return this.inSnapshot(async (tx) => {
      const customer = await this.repository.find(tx, creatorId, customerId);
      if (!customer) throw new CustomerNotFoundError();
      const [summary] = await this.summaries(tx, creatorId, [customer]);
      const clock = ZoneClock.of(tz ?? (await this.repository.creatorSettings(tx, creatorId)).timezone);
      const conversions = await this.repository.conversions(tx, creatorId, customerId, MAX_CUSTOMER_CONVERSIONS);
      // each attributed conversion's visit: its click's visitor id on the day of the click
      const spans = new Map<string, { visitorId: string; day: string; from: number; to: number }>();
      for (const conversion of conversions) {
        if (conversion.clickAt === null || conversion.visitorId === null) continue;
        const from = clock.startOf(conversion.clickAt.getTime(), 'day');
        const to = clock.boundaries(from, from + 2 * DAY, 'day')[0];
        const day = dayLabel(clock, from);
        spans.set(`${day}|${conversion.visitorId}`, { visitorId: conversion.visitorId, day, from, to });
      }
      const visits = await this.journeys.visits(
        tx,
        creatorId,
        [...spans.values()].sort((a, b) => a.from - b.from),
      );
      return {
        ...summary,
        visits,
        // unattributed conversions have no click, hence no link
        unattributed: conversions.filter((row) => row.clickAt === null).map((row) => stepOf(asStepRow(row, 0), new Map())),
      };
    });
  }

  private async summaries(tx: EntityManager, creatorId: string, customers: CustomerRow[]): Promise<CustomerSummary[]> {
    const ids = customers.map((customer) => customer.customerId);
    const [totals, settings, links] = [
      await this.repository.totals(tx, creatorId, ids),
      await this.repository.creatorSettings(tx, creatorId),
      await this.links.labels(
        creatorId,
        customers.flatMap((customer) => (customer.linkId ? [customer.linkId] : [])),
        tx,
      ),
    ];
    return customers.map((customer) => {
      const mine = totals.filter((row) => row.customerId === customer.customerId);
      return {
        customerId: customer.customerId,
        firstSeenAt: customer.firstSeenAt.toISOString(),
        leadAt: customer.leadAt?.toISOString() ?? null,
        linkId: customer.linkId,
        link: customer.linkId === null ? null : linkLabel(links.get(customer.linkId)),
        leads: mine.reduce((sum, row) => sum + row.leads, 0),
        sales: mine.reduce((sum, row) => sum + row.sales, 0),
        revenue: revenueOf(mine, settings.currency),
      };
    });
  }

  private inSnapshot<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await tx.query(SHORT_QUERY_SETTINGS);
      return work(tx);
    });
  }
}
