export type ConversionKind = 'lead' | 'sale';

/**
 * A lead or sale as the API captures it, before attribution. It travels through Redis (or the
 * spool file) to the worker, which attributes and stores it (libs/conversions).
 */
export interface CapturedConversion {
  /** made from the creator, kind and dedupKey: a repeated call has the same id (conversion-id.ts) */
  id: string;
  /** epoch milliseconds, when the API received it */
  at: number;
  creatorId: string;
  kind: ConversionKind;
  /** eventId (sales: invoiceId, then eventId); the capture id when the caller gave neither */
  dedupKey: string;
  eventName: string;
  eventId: string | null;
  invoiceId: string | null;
  customerId: string | null;
  /** the click id the caller gave (lp_cid) */
  clickId: string | null;
  /** sales: minor units of `currency` */
  amount: number | null;
  currency: string | null;
  metadata: Record<string, unknown> | null;
}

export interface ConversionJobData {
  batchId: string;
  conversions: CapturedConversion[];
}

/** A batch of conversions being filled on the request path. */
export class ConversionBatchBuilder {
  private readonly conversions: CapturedConversion[] = [];

  get size(): number {
    return this.conversions.length;
  }

  add(conversion: CapturedConversion): void {
    this.conversions.push(conversion);
  }

  toJobData(batchId: string): ConversionJobData {
    return { batchId, conversions: this.conversions };
  }
}
