import { dataSourceOptions, migrateDatabase } from '@app/db';
import { DataSource } from 'typeorm';
import { BENCH_DATABASE_URL } from './services.js';

/** The bench database, migrated to the current schema, opened with a pool of `poolSize`. */
export async function openBenchDatabase(poolSize: number): Promise<DataSource> {
  await migrateDatabase(BENCH_DATABASE_URL);
  const db = new DataSource(dataSourceOptions(BENCH_DATABASE_URL, poolSize));
  await db.initialize();
  return db;
}
