import { randomUUID } from 'node:crypto';
import { RollupService } from '@app/analytics';
import { type EnrichedHit, uuidV7 } from '@app/common';
import { dataSourceOptions } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import { DataSource } from 'typeorm';

/** The run's database opened in the test, for storing events and rolling them up without the pipeline. */
export interface DirectStore {
  db: DataSource;
  events: EventStore;
  rollups: RollupService;
  close(): Promise<void>;
}

export async function openDirectStore(poolSize = 2): Promise<DirectStore> {
  const db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, poolSize));
  await db.initialize();
  return {
    db,
    events: new EventStore(db, new EventPartitions(db)),
    rollups: new RollupService(db),
    close: () => db.destroy(),
  };
}

/**
 * An enriched hit with every field set: a human's click at `when` (epoch ms or ISO), on no link,
 * from a visitor of its own, on an iPhone in Berlin. Override what the test is about.
 */
export function hitAt(creatorId: string, when: number | string, fields: Partial<EnrichedHit> = {}): EnrichedHit {
  const at = typeof when === 'number' ? when : Date.parse(when);
  return {
    id: uuidV7(at),
    at,
    kind: 'click',
    creatorId,
    linkId: null,
    isBot: false,
    botName: null,
    visitorId: `v-${randomUUID()}`,
    source: 'direct',
    referrerHost: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    country: 'DE',
    region: 'Berlin',
    city: 'Berlin',
    device: 'mobile',
    browser: 'Safari',
    os: 'iOS',
    via: 'direct',
    ...fields,
  };
}
