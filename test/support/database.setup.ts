import { beforeAll } from '@jest/globals';
import { migrateDatabase } from '@app/db';

// Creates the run's database on first use and applies migrations (a no-op once done; serialised by an advisory lock).
beforeAll(async () => {
  await migrateDatabase(process.env.DATABASE_URL!);
}, 60_000);
