import type { EntityManager } from 'typeorm';
import { clickTimeOf } from './attribution.rules.js';
import type { AttributedClick } from './conversion.types.js';

/** An events row, as PostgreSQL names its columns. */
interface ClickRow {
  creator_id: string;
  id: string;
  occurred_at: Date;
  link_id: string;
  visitor_id: string;
  source: string;
  referrer_host: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  country: string;
  region: string;
  city: string;
  device: AttributedClick['device'];
  browser: string;
  os: string;
  via: AttributedClick['via'];
}

/*
 * Each click by its primary key (creator, capture time read from the id, id): one index probe in
 * one monthly partition. The creator is part of the key, so another creator's click id finds
 * nothing. Only counted clicks are candidates: a bot hit, or a profile view, is no click.
 */
const CLICKS_SQL = `
  SELECT e.creator_id, e.id, e.occurred_at, e.link_id, e.visitor_id, e.source, e.referrer_host,
         e.utm_source, e.utm_medium, e.utm_campaign, e.utm_term, e.utm_content,
         e.country, e.region, e.city, e.device, e.browser, e.os, e.via
    FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[]) AS k(creator_id, occurred_at, id)
    JOIN events e ON e.creator_id = k.creator_id AND e.occurred_at = k.occurred_at AND e.id = k.id
   WHERE e.kind = 'click' AND NOT e.is_bot`;

const key = (creatorId: string, clickId: string): string => `${creatorId} ${clickId.toLowerCase()}`;

/** The clicks a batch of conversions may be attributed to, read once per batch. */
export class AttributionClicks {
  private readonly clicks = new Map<string, AttributedClick | null>();

  constructor(private readonly tx: EntityManager) {}

  /** Reads the clicks not read yet; `[creatorId, clickId]` pairs. */
  async load(pairs: [string, string][]): Promise<void> {
    const wanted = pairs.filter(([creatorId, clickId]) => !this.clicks.has(key(creatorId, clickId)));
    if (wanted.length === 0) return;
    for (const [creatorId, clickId] of wanted) this.clicks.set(key(creatorId, clickId), null);
    const probes = wanted.flatMap(([creatorId, clickId]) => {
      const at = clickTimeOf(clickId);
      return at ? [[creatorId, at.toISOString(), clickId.toLowerCase()]] : [];
    });
    if (probes.length === 0) return;
    const rows: ClickRow[] = await this.tx.query(
      CLICKS_SQL,
      [0, 1, 2].map((i) => probes.map((probe) => probe[i])),
    );
    for (const row of rows) this.clicks.set(key(row.creator_id, row.id), clickOf(row));
  }

  /** The click, when it was loaded and is a click of this creator. */
  get(creatorId: string, clickId: string): AttributedClick | null {
    return this.clicks.get(key(creatorId, clickId)) ?? null;
  }
}

function clickOf(row: ClickRow): AttributedClick {
  return {
    id: row.id,
    at: row.occurred_at,
    linkId: row.link_id,
    visitorId: row.visitor_id,
    source: row.source,
    referrerHost: row.referrer_host,
    utmSource: row.utm_source,
    utmMedium: row.utm_medium,
    utmCampaign: row.utm_campaign,
    utmTerm: row.utm_term,
    utmContent: row.utm_content,
    country: row.country,
    region: row.region,
    city: row.city,
    device: row.device,
    browser: row.browser,
    os: row.os,
    via: row.via,
  };
}
