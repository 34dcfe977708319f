import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig } from '@app/common';
import { defaultGeoDbPaths, GeoLookup } from '@app/enrichment';
import { EventPartitions, HitPipeline } from '@app/events';
import type { DataSource } from 'typeorm';

/** The enrichment and storage pieces of the worker, opened once per process. */
@Global()
@Module({
  providers: [
    {
      provide: GeoLookup,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => GeoLookup.open(config.geoipDb ? [config.geoipDb] : defaultGeoDbPaths()),
    },
    {
      provide: HitPipeline,
      inject: [getDataSourceToken(), GeoLookup],
      useFactory: (db: DataSource, geo: GeoLookup) => new HitPipeline(db, geo),
    },
    {
      provide: EventPartitions,
      inject: [getDataSourceToken()],
      useFactory: (db: DataSource) => new EventPartitions(db),
    },
  ],
  exports: [GeoLookup, HitPipeline, EventPartitions],
})
export class PipelineModule {}
