import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import {
  ApiToken,
  Conversion,
  Creator,
  Customer,
  ImportReportRow,
  Link,
  LinkImport,
  Profile,
  PublishableKey,
  Session,
  Share,
} from './entities/index.js';

export const ENTITIES = [
  ApiToken,
  Conversion,
  Creator,
  Customer,
  ImportReportRow,
  Link,
  LinkImport,
  Profile,
  PublishableKey,
  Session,
  Share,
];

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
