import type { CapturedHit, EnrichedHit } from '@app/common';
import { classifyBot } from './bot.classifier.js';
import type { GeoLookup } from './geo.lookup.js';
import { classifySource } from './source.classifier.js';
import { parseUserAgent } from './user-agent.parser.js';
import { visitorId } from './visitor-id.js';

export interface EnrichmentContext {
  geo: GeoLookup;
  /** the salt of the hit's UTC day */
  salt: Buffer;
}

/** The bot name of hits the API marked as a flood from one client (CapturedHit.flood). */
export const FLOOD_BOT_NAME = 'rate-limited';

/** Everything stored about a hit; bots are enriched alike so bot hits can be broken down too. */
export function enrichHit(hit: CapturedHit, ctx: EnrichmentContext): EnrichedHit {
  const classified = classifyBot(hit.userAgent);
  // a client over the per-address limit counts as a bot, unless its user agent already named one
  const { isBot, botName } = hit.flood && !classified.isBot ? { isBot: true, botName: FLOOD_BOT_NAME } : classified;
  const { source, referrerHost, utm } = classifySource(hit);
  const { country, region, city } = ctx.geo.lookup(hit.ip);
  const { device, browser, os } = parseUserAgent(hit.userAgent, hit.hints);
  return {
    id: hit.id,
    at: hit.at,
    kind: hit.kind,
    creatorId: hit.creatorId,
    linkId: hit.linkId,
    isBot,
    botName,
    visitorId: visitorId(ctx.salt, hit.creatorId, hit.ip, hit.userAgent),
    source,
    referrerHost,
    utmSource: utm.source,
    utmMedium: utm.medium,
    utmCampaign: utm.campaign,
    utmTerm: utm.term,
    utmContent: utm.content,
    country,
    region,
    city,
    device,
    browser,
    os,
    via: hit.via,
  };
}
