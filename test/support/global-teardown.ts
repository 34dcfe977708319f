import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.LINKPULSE_TEST_DATABASE;
  if (!name || process.env.KEEP_TEST_DATABASE) return;
  const client = new pg.Client({
    connectionString: `${process.env.TEST_DATABASE_BASE_URL || 'postgres://postgres@127.0.0.1:5432'}/postgres`,
  });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
