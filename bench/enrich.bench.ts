import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { CapturedHit, ClientHints, Via } from '@app/common';
import { defaultGeoDbPaths, enrichHit, GeoLookup, type EnrichmentContext } from '@app/enrichment';
import { BOT_USER_AGENTS } from '../libs/enrichment/src/__fixtures__/bot.user-agents.js';
import { BROWSER_USER_AGENTS } from '../libs/enrichment/src/__fixtures__/browser.user-agents.js';
import { IN_APP_USER_AGENTS } from '../libs/enrichment/src/__fixtures__/in-app.user-agents.js';
import { BENCH_NETWORKS } from '../libs/enrichment/src/__fixtures__/public-ips.js';
import { REFERRERS } from '../libs/enrichment/src/__fixtures__/referrers.js';

const EVENTS = 200_000;
const WARM_UP = 20_000;
const UTM_QUERIES = [
  'utm_source=ig&utm_medium=bio',
  'utm_source=newsletter&utm_campaign=spring',
  'utm_source=tw',
  'utm_source=yt&utm_content=description',
];
const PEOPLE: Array<{ ua: string; hints: ClientHints }> = [
  ...IN_APP_USER_AGENTS.map(({ ua }) => ({ ua, hints: {} })),
  ...BROWSER_USER_AGENTS.map(({ ua, hints }) => ({ ua, hints })),
];

/**
 * Events per second through enrichHit on one core: the real user agents of the test fixtures (one hit
 * in seven a bot), random addresses in public IPv4 and IPv6 networks, mixed referrers, UTM tags and vias.
 */
export async function runEnrichBench(): Promise<{ name: string; value: number; unit: string }> {
  const ctx: EnrichmentContext = { geo: await GeoLookup.open(defaultGeoDbPaths()), salt: randomBytes(32) };
  const random = seededRandom(20_240_517);
  enrichAll(capturedHits(WARM_UP, random), ctx);
  const hits = capturedHits(EVENTS, random);
  const start = process.hrtime.bigint();
  enrichAll(hits, ctx);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name: 'enrich', value: Math.round(EVENTS / seconds), unit: 'events/s' };
}

function enrichAll(hits: CapturedHit[], ctx: EnrichmentContext): void {
  let located = 0;
  for (const hit of hits) {
    if (enrichHit(hit, ctx).country !== 'unknown') located++;
  }
  // Every bench network is public and in the database: a miss means the lookup is broken, not slow.
  if (located < hits.length * 0.95) throw new Error(`only ${located} of ${hits.length} hits were located`);
}

function capturedHits(count: number, random: () => number): CapturedHit[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const person = random() < 6 / 7 ? pick(PEOPLE) : { ua: pick(BOT_USER_AGENTS).ua, hints: {} };
    const roll = random();
    const via: Via = roll < 0.8 ? 'direct' : roll < 0.92 ? 'profile' : 'qr';
    return {
      id: `bench-${i}`,
      at: Date.now(),
      kind: 'click',
      creatorId: `creator-${i % 50}`,
      linkId: `link-${i % 400}`,
      ip: randomAddress(pick(BENCH_NETWORKS), random),
      userAgent: person.ua,
      referer: via === 'qr' || random() < 0.4 ? '' : pick(REFERRERS).referer,
      query: random() < 0.3 ? pick(UTM_QUERIES) : '',
      via,
      hints: person.hints,
    };
  });
}

function randomAddress(network: string, random: () => number): string {
  if (network.endsWith('.')) return `${network}${1 + Math.floor(random() * 254)}`;
  const group = () => Math.floor(random() * 0x10000).toString(16);
  return `${network}${group()}:${group()}`;
}

/** mulberry32: the same event mix on every run, so runs compare. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runEnrichBench();
  console.log(`${result.name}: ${result.value.toLocaleString('en-US')} ${result.unit} (1 core)`);
}
