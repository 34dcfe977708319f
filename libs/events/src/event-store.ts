import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  columnArrays,
  type EnrichedHit,
  type InsertColumn,
  unnestColumns,
  VISIT_DIMENSION_COLUMNS,
  visitDimensionValues,
} from '@app/common';
import { DataSource } from 'typeorm';
import { EventPartitions } from './event-partitions.js';

const COLUMNS: readonly InsertColumn[] = [
  ['creator_id', 'uuid'],
  ['occurred_at', 'timestamptz'],
  ['id', 'uuid'],
  ['kind', 'text'],
  ['link_id', 'uuid'],
  ['is_bot', 'boolean'],
  ['bot_name', 'text'],
  ...VISIT_DIMENSION_COLUMNS,
];

function columnValues(hit: EnrichedHit): unknown[] {
  return [
    hit.creatorId,
    new Date(hit.at).toISOString(),
    hit.id,
    hit.kind,
    hit.linkId,
    hit.isBot,
    hit.botName,
    ...visitDimensionValues(hit),
  ];
}

/*
 * One statement: insert the batch (skipping hits whose creator or link was deleted meanwhile),
 * ignore ids already stored, and list the new events per (creator, UTC hour) in rollup_pending,
 * which the rollup job adds up and deletes (exactly once: the list commits with the events).
 * A redelivered batch inserts nothing and lists nothing.
 */
const INSERT_SQL = `
  WITH batch AS (
    SELECT * FROM ${unnestColumns(COLUMNS)}
  ),
  inserted AS (
    INSERT INTO events (${COLUMNS.map(([name]) => name).join(', ')})
    SELECT b.* FROM batch b
     WHERE EXISTS (SELECT 1 FROM creators c WHERE c.id = b.creator_id)
       AND (b.link_id IS NULL OR EXISTS (SELECT 1 FROM links l WHERE l.id = b.link_id))
    ON CONFLICT DO NOTHING
    RETURNING id, creator_id, occurred_at
  ),
  pending AS (
    INSERT INTO rollup_pending (creator_id, hour, batch, occurred_at, ids)
    SELECT creator_id, date_trunc('hour', occurred_at, 'UTC'), (SELECT nextval('rollup_pending_batch_seq')),
           array_agg(occurred_at), array_agg(id)
      FROM inserted GROUP BY 1, 2
  )
  SELECT id FROM inserted`;

const RETRYABLE = new Set(['40P01', '40001']);

/** Writes enriched hits exactly once, keyed by their capture id. */
@Injectable()
export class EventStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly partitions: EventPartitions,
  ) {}

  /** Stores the hits; returns the ids that were new (the others were stored before). */
  async store(hits: EnrichedHit[]): Promise<Set<string>> {
    if (hits.length === 0) return new Set();
    await this.partitions.ensureFor(hits.map((hit) => hit.at));
    const rows = hits.map(columnValues);
    const params = columnArrays(rows, COLUMNS.length);
    for (let attempt = 1; ; attempt++) {
      try {
        const inserted: { id: string }[] = await this.db.query(INSERT_SQL, params);
        return new Set(inserted.map((row) => row.id));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
      }
    }
  }
}
