import type { CapturedConversion, EnrichedHit } from '@app/common';
import { conversionId } from '@app/conversions';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What a tracked link's clicks lead to: the share that sign up, the share of those who buy, and for how much. */
export interface LinkFunnel {
  /** share of human clicks followed by a lead */
  leadRate: number;
  /** share of leads followed by a sale (0: a link that only collects sign-ups) */
  saleRate: number;
  /** sale amounts in minor units of `currency`, picked at random */
  amounts: number[];
  currency: string;
}

interface Lead {
  clickId: string;
  at: number;
  customerId: string;
  funnel: LinkFunnel;
}

/**
 * The leads and sales of a seeded creator's tracked links: a click is followed by a lead (the
 * shop's sign-up, naming the click id, as /lp.js does) a few minutes later, and some leads by a
 * sale within days, naming only the customer, as a shop's server does: the worker attributes it to
 * the lead's click. Only clicks are sampled as they are written, so a year of traffic costs the
 * memory of its conversions alone.
 */
export class ConversionModel {
  private readonly leads: Lead[] = [];

  constructor(
    private readonly creatorId: string,
    private readonly funnels: Map<string, LinkFunnel>,
    private readonly until: number,
    private readonly random: () => number,
  ) {}

  /** Looks at a stored hit: a human click on a tracked link may become a lead. */
  observe(hit: EnrichedHit): void {
    const funnel = hit.kind === 'click' && !hit.isBot && hit.linkId ? this.funnels.get(hit.linkId) : undefined;
    if (!funnel || this.random() >= funnel.leadRate) return;
    const at = hit.at + Math.floor((1 + this.random() * 59) * MINUTE);
    if (at > this.until) return;
    this.leads.push({ clickId: hit.id, at, customerId: `cus_${this.leads.length + 1}`, funnel });
  }

  /** The leads first (a sale is attributed through its customer's lead), then the sales, in batches. */
  *batches(size: number): Generator<CapturedConversion[]> {
    const conversions = [...this.leads.map((lead) => this.lead(lead)), ...this.sales()];
    for (let i = 0; i < conversions.length; i += size) yield conversions.slice(i, i + size);
  }

  private lead(lead: Lead): CapturedConversion {
    const key = `seed-lead-${lead.customerId}`;
    return {
      ...this.conversion('lead', key, lead.at, lead.customerId),
      eventName: 'Sign up',
      eventId: key,
      clickId: lead.clickId,
    };
  }

  private *sales(): Generator<CapturedConversion> {
    for (const lead of this.leads) {
      if (this.random() >= lead.funnel.saleRate) continue;
      const at = lead.at + Math.floor(this.random() * 3 * DAY);
      if (at > this.until) continue;
      const invoiceId = `seed-inv-${lead.customerId}`;
      const amounts = lead.funnel.amounts;
      yield {
        ...this.conversion('sale', invoiceId, at, lead.customerId),
        eventName: 'Purchase',
        invoiceId,
        amount: amounts[Math.floor(this.random() * amounts.length)],
        currency: lead.funnel.currency,
      };
    }
  }

  private conversion(kind: 'lead' | 'sale', key: string, at: number, customerId: string): CapturedConversion {
    return {
      id: conversionId(this.creatorId, kind, key, at),
      at,
      creatorId: this.creatorId,
      kind,
      dedupKey: key,
      eventName: kind,
      eventId: null,
      invoiceId: null,
      customerId,
      clickId: null,
      amount: null,
      currency: null,
      metadata: null,
    };
  }
}
