import { randomUUID } from 'node:crypto';
import type { DeviceType, EnrichedHit, Via } from '@app/common';
import { uuidV7 } from '@app/common';
import type { DataSource } from 'typeorm';

/**
 * Test data for the rollup and analytics suites: creators and links made by SQL, random enriched
 * hits, and an oracle that counts them in JavaScript — independently of the SQL under test.
 */

export { seededRandom } from '@app/analytics';

let counter = 0;

export async function insertCreator(db: DataSource, timezone = 'UTC'): Promise<string> {
  const id = randomUUID();
  const name = `rollup_${process.pid}_${Date.now() % 1e6}_${counter++}`;
  await db.query(`INSERT INTO creators (id, email, username, password_hash, timezone) VALUES ($1, $2, $3, 'x', $4)`, [
    id,
    `${name}@example.com`,
    name,
    timezone,
  ]);
  return id;
}

export async function insertLink(
  db: DataSource,
  creatorId: string,
  title: string | null = null,
): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const slug = `t${id.replaceAll('-', '').slice(0, 12)}`;
  await db.query(`INSERT INTO links (id, creator_id, slug, url, title) VALUES ($1, $2, $3, 'https://example.com/', $4)`, [
    id,
    creatorId,
    slug,
    title,
  ]);
  return { id, slug };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

const SOURCES = ['instagram', 'tiktok', 'x', 'youtube', 'direct', 'google', 'profile', 'other'];
const PLACES = [
  ['DE', 'Bavaria', 'Munich'],
  ['DE', 'Berlin', 'Berlin'],
  ['US', 'New York', 'New York'],
  ['US', 'California', 'Los Angeles'],
  ['IN', 'Maharashtra', 'Mumbai'],
  ['NP', 'Bagmati', 'Kathmandu'],
  ['unknown', 'unknown', 'unknown'],
] as const;
const DEVICES: DeviceType[] = ['mobile', 'tablet', 'desktop', 'other'];
const BROWSERS = ['Chrome', 'Safari', 'Instagram', 'Firefox'];
const SYSTEMS = ['iOS', 'Android', 'Windows', 'macOS'];
const BOTS = ['Twitterbot', 'Slackbot', 'curl', null];
const REFERRERS = [null, 'l.instagram.com', 't.co', 'www.google.com'];
const CAMPAIGNS = [null, null, 'spring', 'launch'];

export interface RandomHitsOptions {
  creatorId: string;
  /** link ids; profile views are made too (link null) */
  links: string[];
  from: number;
  to: number;
  count: number;
  random: () => number;
  /** visitors per UTC day to draw from (repeat visits of a day share the id) */
  visitorsPerDay?: number;
}

/** Random enriched hits spread over [from, to): clicks on the links, profile views, ~10% bots. */
export function randomHits(options: RandomHitsOptions): EnrichedHit[] {
  const { random } = options;
  const hits: EnrichedHit[] = [];
  for (let i = 0; i < options.count; i++) {
    const at = options.from + Math.floor(random() * (options.to - options.from));
    const isView = options.links.length === 0 || random() < 0.25;
    const isBot = random() < 0.1;
    const via: Via = isView ? 'direct' : pick(random, ['direct', 'direct', 'qr', 'profile'] as const);
    const [country, region, city] = pick(random, PLACES);
    const day = new Date(at).toISOString().slice(0, 10);
    hits.push({
      id: uuidV7(at),
      at,
      kind: isView ? 'view' : 'click',
      creatorId: options.creatorId,
      linkId: isView ? null : pick(random, options.links),
      isBot,
      botName: isBot ? pick(random, BOTS) : null,
      visitorId: `${day}-${Math.floor(random() * (options.visitorsPerDay ?? 40))}`,
      source: via === 'profile' ? 'profile' : pick(random, SOURCES),
      referrerHost: pick(random, REFERRERS),
      utmSource: random() < 0.3 ? pick(random, ['ig', 'newsletter']) : null,
      utmMedium: random() < 0.2 ? 'social' : null,
      utmCampaign: pick(random, CAMPAIGNS),
      utmTerm: null,
      utmContent: null,
      country,
      region,
      city,
      device: pick(random, DEVICES),
      browser: pick(random, BROWSERS),
      os: pick(random, SYSTEMS),
      via,
    });
  }
  return hits;
}

/** A hit's value for each rollup dimension, as the product defines it (docs/analytics.md). */
export function dimensionValuesOf(hit: EnrichedHit): [string, string][] {
  const values: [string, string | null][] = [
    ['total', ''],
    ['source', hit.source],
    ['referrer', hit.referrerHost ?? ''],
    ['utm_source', hit.utmSource ?? ''],
    ['utm_medium', hit.utmMedium ?? ''],
    ['utm_campaign', hit.utmCampaign ?? ''],
    ['country', hit.country],
    ['region', hit.region],
    ['city', hit.city],
    ['device', hit.device],
    ['browser', hit.browser],
    ['os', hit.os],
    ['link', hit.linkId],
    ['via', hit.via],
    ['bot', hit.isBot ? (hit.botName ?? 'unknown') : null],
  ];
  return values.filter((entry): entry is [string, string] => entry[1] !== null);
}

export interface Counts {
  clicks: number;
  views: number;
  botHits: number;
  profileClicks: number;
}

export const emptyCounts = (): Counts => ({ clicks: 0, views: 0, botHits: 0, profileClicks: 0 });

export function addHit(counts: Counts, hit: EnrichedHit): Counts {
  if (hit.isBot) counts.botHits++;
  else if (hit.kind === 'view') counts.views++;
  else {
    counts.clicks++;
    if (hit.via === 'profile') counts.profileClicks++;
  }
  return counts;
}

/** Distinct visitors as the product counts them: per UTC day, summed over the days. */
export function visitorsOf(hits: EnrichedHit[]): number {
  const seen = new Set<string>();
  for (const hit of hits) if (!hit.isBot) seen.add(`${new Date(hit.at).toISOString().slice(0, 10)} ${hit.visitorId}`);
  return seen.size;
}

/** Hours of a creator with events not in the rollups yet: pending lists and dirty marks. */
export async function unrolledHours(db: DataSource, creatorId: string): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT (SELECT count(*) FROM rollup_dirty_hours WHERE creator_id = $1)
          + (SELECT count(*) FROM rollup_pending WHERE creator_id = $1) AS n`,
    [creatorId],
  );
  return Number(n);
}
