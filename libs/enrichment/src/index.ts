export { classifyBot, type BotVerdict } from './bot.classifier.js';
export { EnrichmentModule } from './enrichment.module.js';
export { GeoLookup, defaultGeoDbPaths } from './geo.lookup.js';
export type { Place } from './geo.record.js';
export { enrichHit, type EnrichmentContext, FLOOD_BOT_NAME } from './hit.enricher.js';
export { classifySource, type SourceInput, type SourceVerdict } from './source.classifier.js';
export { parseUserAgent, type ParsedUserAgent } from './user-agent.parser.js';
export type { UtmParams } from './utm.params.js';
export { visitorId } from './visitor-id.js';
