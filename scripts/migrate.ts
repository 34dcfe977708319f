import { loadConfigOrExit } from '@app/common';
import { migrateDatabase } from '@app/db';

/** `npm run migrate`: creates the database if it is missing and applies pending migrations. */
const config = loadConfigOrExit();
const applied = await migrateDatabase(config.databaseUrl);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
