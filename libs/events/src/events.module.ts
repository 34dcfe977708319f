import { Module } from '@nestjs/common';
import { EnrichmentModule } from '@app/enrichment';
import { EventPartitions } from './event-partitions.js';
import { EventStore } from './event-store.js';
import { HitPipeline } from './hit-pipeline.js';
import { VisitorSalts } from './visitor-salts.js';

/** The raw events: enrichment then exactly-once storage (HitPipeline), their partitions and the daily visitor salts. */
@Module({
  imports: [EnrichmentModule],
  providers: [EventPartitions, EventStore, VisitorSalts, HitPipeline],
  exports: [EventPartitions, EventStore, VisitorSalts, HitPipeline],
})
export class EventsModule {}
