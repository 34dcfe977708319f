import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO } from './seed/seed.creator.js';
import { seed } from './seed/seeder.js';

const USAGE = `Usage: npm run seed -- [--clicks N] [--days N] [--email E --username U --password P] [--timezone Z] [--demo] [--seed N]

  --clicks    human clicks to generate (default 100000; --demo: 60000); profile views and bot hits come on top
  --days      days of traffic, ending now (default 90)
  --email     the account to seed (created, or reused with its links); default a new seed+…@linkpulse.local
  --demo      the demo account ${DEMO.email} / ${DEMO.password} with 90 days of traffic, replaced on every run
  --seed      random seed, for the same traffic every time (default fixed)
Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/linkpulse)`;

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clicks: { type: 'string' },
      days: { type: 'string' },
      email: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      timezone: { type: 'string' },
      demo: { type: 'boolean', default: false },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const stamp = Date.now().toString(36);
  const account = values.demo
    ? { ...DEMO }
    : {
        email: values.email ?? `seed+${stamp}@linkpulse.local`,
        username: values.username ?? `seed_${stamp}`,
        password: values.password ?? 'seed-password',
        timezone: values.timezone ?? 'Europe/Berlin',
      };
  const clicks = positiveInteger('clicks', values.clicks, values.demo ? 60_000 : 100_000);
  const days = positiveInteger('days', values.days, 90);
  if (days < 1 || days > 3650) throw new Error('--days must be between 1 and 3650');
  const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/linkpulse';

  console.log(
    `Seeding ${clicks.toLocaleString('en')} clicks over ${days} days for ${account.email} into ${new URL(databaseUrl).pathname.slice(1)}`,
  );
  const result = await seed({
    databaseUrl,
    account,
    clicks,
    days,
    replace: values.demo,
    anomalies: values.demo,
    seed: values.seed === undefined ? undefined : positiveInteger('seed', values.seed, 0),
    progress: process.stdout,
  });
  const rate = Math.round(result.events / result.insertSeconds).toLocaleString('en');
  console.log(
    `Done: ${result.events.toLocaleString('en')} hits (${clicks.toLocaleString('en')} clicks) stored in ${result.insertSeconds.toFixed(1)} s (${rate}/s), ${result.conversions.toLocaleString('en')} leads and sales, rolled up in ${result.rollupSeconds.toFixed(1)} s.`,
  );
  console.log(`Sign in as ${account.email} / ${account.password}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(`seed: ${error.message}`);
    process.exit(1);
  });
}
