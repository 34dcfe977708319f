import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import * as entities from './entities/index.js';

/** Every entity: whatever entities/index.ts exports (classes only), so a new table is listed once. */
export const ENTITIES = Object.values(entities);

export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    poolSize,
    extra: { connectionTimeoutMillis: 5000, application_name: 'linkpulse' },
  };
}
