import { Injectable } from '@nestjs/common';
import { type CapturedHit, type EnrichedHit, type LiveEvent } from '@app/common';
import { enrichHit, GeoLookup } from '@app/enrichment';
import { EventStore } from './event-store.js';
import { utcDay, VisitorSalts } from './visitor-salts.js';

/** Enrichment then storage: the one path every hit takes into PostgreSQL (the worker and the seeder). */
@Injectable()
export class HitPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly salts: VisitorSalts,
    private readonly geo: GeoLookup,
  ) {}

  /** Enriches and stores the hits; returns those stored now (a redelivered hit is not returned again). */
  async process(hits: CapturedHit[]): Promise<EnrichedHit[]> {
    const enriched: EnrichedHit[] = [];
    for (const hit of hits) {
      const salt = await this.salts.forDay(utcDay(hit.at));
      enriched.push(enrichHit(hit, { geo: this.geo, salt }));
    }
    return this.storeEnriched(enriched);
  }

  async storeEnriched(enriched: EnrichedHit[]): Promise<EnrichedHit[]> {
    const stored = await this.store.store(enriched);
    return enriched.filter((hit) => stored.has(hit.id));
  }
}

export function liveEventOf(hit: EnrichedHit): LiveEvent {
  return {
    id: hit.id,
    kind: hit.kind,
    at: new Date(hit.at).toISOString(),
    linkId: hit.linkId,
    source: hit.source,
    country: hit.country,
    device: hit.device,
  };
}
