import { Module } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { defaultGeoDbPaths, GeoLookup } from './geo.lookup.js';

/** The GeoIP database, opened once per process: GEOIP_DB when set, else the one shipped in node_modules. */
@Module({
  providers: [
    {
      provide: GeoLookup,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => GeoLookup.open(config.geoipDb ? [config.geoipDb] : defaultGeoDbPaths()),
    },
  ],
  exports: [GeoLookup],
})
export class EnrichmentModule {}
