import { AlertEvaluator, AlertsRepository } from '@app/alerts';
import { HourlySeriesRepository, RollupService, seededRandom } from '@app/analytics';
import { AppConfig } from '@app/common';
import { ConversionStore } from '@app/conversions';
import { CreatorsRepository, dataSourceOptions, LinksRepository, migrateDatabase } from '@app/db';
import { EventPartitions, EventStore } from '@app/events';
import { DataSource } from 'typeorm';
import { ConversionModel } from './conversion.model.js';
import { ProgressBar } from './progress.bar.js';
import { type SeedAccount, seedCreator } from './seed.creator.js';
import { TrafficModel } from './traffic.model.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const BATCH = 10_000;
const CONVERSION_BATCH = 1000;

export interface SeedOptions {
  databaseUrl: string;
  account: SeedAccount;
  /** human clicks; profile views (~45% of clicks) and bot hits (~7% of all hits) come on top */
  clicks: number;
  days: number;
  /** the end of the seeded traffic (default now) */
  until?: number;
  /** delete an existing account with this email first */
  replace: boolean;
  /** in-flight insert batches */
  concurrency?: number;
  seed?: number;
  /** progress bars on this stream; none when null */
  progress?: NodeJS.WriteStream | null;
  /** plant a spike and a drop in the last week and judge its hours, so the alerts show (the demo) */
  anomalies?: boolean;
}

export interface SeedResult {
  creatorId: string;
  events: number;
  clicks: number;
  from: number;
  to: number;
  /** leads and sales stored */
  conversions: number;
  insertSeconds: number;
  rollupSeconds: number;
}

/**
 * Seeds a creator's traffic through the worker's own storage path (EventStore: idempotent insert
 * and dirty-hour marks in one statement), several batches in flight, then rolls every dirty hour up.
 */
export async function seed(options: SeedOptions): Promise<SeedResult> {
  await migrateDatabase(options.databaseUrl);
  const concurrency = options.concurrency ?? 3;
  const base = dataSourceOptions(options.databaseUrl, concurrency + 2);
  // a seeder can afford to lose its last commits in a crash (it would be re-run): no fsync wait per batch
  const db = new DataSource({ ...base, extra: { ...(base.extra as object), options: '-c synchronous_commit=off' } });
  await db.initialize();
  try {
    const to = options.until ?? Date.now();
    const from = to - options.days * DAY;
    const creator = await seedCreator(db, options.account, { replace: options.replace });
    const model = new TrafficModel({
      creatorId: creator.id,
      links: creator.links,
      timeZone: options.account.timezone,
      from,
      to,
      clicks: options.clicks,
      anomalies: options.anomalies ? demoAnomalies(to) : undefined,
      random: seededRandom(options.seed ?? 20260101),
    });

    const store = new EventStore(db, new EventPartitions(db));
    const writing = options.progress === null ? null : new ProgressBar('events', model.total, 'hits', options.progress);
    const batches = model.batches(BATCH);
    const conversions = new ConversionModel(creator.id, creator.funnels, to, seededRandom((options.seed ?? 20260101) + 1));
    let written = 0;
    const insertStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let next = batches.next(); !next.done; next = batches.next()) {
          await store.store(next.value);
          for (const hit of next.value) conversions.observe(hit);
          written += next.value.length;
          writing?.update(written);
        }
      }),
    );
    writing?.finish(written);
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const storedConversions = await storeConversions(db, conversions, options.progress);

    const rollupStarted = performance.now();
    const rollups = new RollupService(db);
    const days = (await rollups.dirtyDays()).length;
    const rolling = options.progress === null ? null : new ProgressBar('rollups', days, 'days', options.progress);
    await rollups.rollDirty({ concurrency: 2, untilClean: true, onProgress: (run) => rolling?.update(run.days) });
    rolling?.finish();
    if (options.anomalies) await judgeLastWeek(db, creator.id, to);
    return {
      creatorId: creator.id,
      events: written,
      clicks: options.clicks,
      conversions: storedConversions,
      from,
      to,
      insertSeconds,
      rollupSeconds: (performance.now() - rollupStarted) / 1000,
    };
  } finally {
    await db.destroy();
  }
}

/** The model's leads and sales through the worker's own attribution and storage (ConversionStore). */
async function storeConversions(
  db: DataSource,
  model: ConversionModel,
  progress: NodeJS.WriteStream | null | undefined,
): Promise<number> {
  const store = new ConversionStore(db, Object.assign(new AppConfig(), { attributionDays: 90 }));
  const batches = [...model.batches(CONVERSION_BATCH)];
  const total = batches.reduce((sum, batch) => sum + batch.length, 0);
  const bar = progress === null ? null : new ProgressBar('conversions', total, 'leads and sales', progress);
  let stored = 0;
  for (const batch of batches) {
    stored += (await store.store(batch)).length;
    bar?.update(stored);
  }
  bar?.finish(stored);
  return stored;
}

/** Four busy afternoon hours two days ago at ×5, and five hours four days ago almost silent (UTC). */
function demoAnomalies(to: number): { start: number; end: number; factor: number }[] {
  const day = (daysAgo: number): number => Math.floor((to - daysAgo * DAY) / DAY) * DAY;
  return [
    { start: day(2) + 15 * HOUR, end: day(2) + 19 * HOUR, factor: 5 },
    { start: day(4) + 12 * HOUR, end: day(4) + 17 * HOUR, factor: 0.02 },
  ];
}

/** Judges every hour of the last week as the worker would have, hour after hour. */
async function judgeLastWeek(db: DataSource, creatorId: string, to: number): Promise<void> {
  const evaluator = new AlertEvaluator(
    new HourlySeriesRepository(db),
    new AlertsRepository(db),
    new CreatorsRepository(db),
    new LinksRepository(db),
  );
  const last = Math.floor(to / HOUR) * HOUR - HOUR;
  for (let hour = last - 7 * DAY; hour <= last; hour += HOUR) await evaluator.judge(creatorId, hour);
}
