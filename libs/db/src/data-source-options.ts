import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ApiToken, Creator, Link, Profile, Session } from './entities/index.js';

export const ENTITIES = [ApiToken, Creator, Link, Profile, Session];

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
