import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { uuidV7 } from '@app/common';
import { RollupService, seededRandom } from '@app/analytics';
import { EventPartitions, EventStore } from '@app/events';
import { seedCreator } from '../scripts/seed/seed.creator.js';
import { TrafficModel } from '../scripts/seed/traffic.model.js';
import { openBenchDatabase } from './support/bench-database.js';
import type { BenchResult } from './support/bench-result.js';
import { median } from './support/percentiles.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** a busy creator's day: the 10 M-click year's average (27,400 clicks, ~44,600 events with views and bots) */
const CLICKS_PER_DAY = 27_400;
/** a minute of that day's traffic, stored before each timed run */
const EVENTS_PER_MINUTE = 31;
const ROUNDS = 5;
const ACCOUNT = {
  email: 'bench-rollup@linkpulse.local',
  username: 'bench_rollup',
  password: 'bench-password',
  timezone: 'Europe/Berlin',
};

const round = (ms: number): number => Math.round(ms * 10) / 10;

/**
 * The rollup job's cost through a busy UTC day (today's: the days it adds to): the run after a
 * minute of traffic at 00:05 (the day nearly empty) and at 23:55 (after ~44,600 events), each the
 * median of 5 minutes, beside the previous job's per-run cost in the same run — rebuilding the
 * whole day from raw events, as it did every minute because the current hour was always dirty.
 */
export async function runRollupBench(): Promise<BenchResult[]> {
  const db = await openBenchDatabase(4);
  try {
    const creator = await seedCreator(db, ACCOUNT, { replace: true });
    const day = Math.floor(Date.now() / DAY) * DAY;
    const model = new TrafficModel({
      creatorId: creator.id,
      links: creator.links,
      timeZone: ACCOUNT.timezone,
      from: day,
      to: day + DAY,
      clicks: CLICKS_PER_DAY,
      random: seededRandom(7),
    });
    const hits = [...model.batches(10_000)].flat().sort((a, b) => a.at - b.at);
    const store = new EventStore(db, new EventPartitions(db));
    const rollups = new RollupService(db);
    const rollDay = async (): Promise<{ ms: number; events: number }> => {
      const started = performance.now();
      const result = await rollups.rollDay(creator.id, new Date(day));
      if (!result) throw new Error('the bench day was busy');
      return { ms: performance.now() - started, events: result.events };
    };
    let next = 0;
    const storeUntil = async (until: number): Promise<void> => {
      const start = next;
      while (next < hits.length && hits[next].at < until) next++;
      for (let i = start; i < next; i += 5_000) await store.store(hits.slice(i, Math.min(next, i + 5_000)));
    };
    /** a minute's traffic ending at `minuteEnd`: the day's next hits, moved into that minute */
    const minuteOfTraffic = async (minuteEnd: number): Promise<void> => {
      const minute = hits.slice(next, next + EVENTS_PER_MINUTE).map((hit, i) => {
        const at = minuteEnd - MINUTE + Math.floor((i * MINUTE) / EVENTS_PER_MINUTE);
        return { ...hit, at, id: uuidV7(at) };
      });
      await store.store(minute);
    };
    const timedRuns = async (firstMinuteEnd: number): Promise<{ ms: number; events: number }[]> => {
      const runs = [];
      for (let i = 0; i < ROUNDS; i++) {
        await minuteOfTraffic(firstMinuteEnd + i * MINUTE);
        runs.push(await rollDay());
      }
      return runs;
    };

    await storeUntil(day + 4 * MINUTE);
    await rollDay();
    const early = await timedRuns(day + 5 * MINUTE);
    await storeUntil(day + DAY - 6 * MINUTE);
    const catchUp = await rollDay();
    const late = await timedRuns(day + DAY - 5 * MINUTE);
    const [{ events }] = await db.query('SELECT count(*)::int AS events FROM events WHERE creator_id = $1', [creator.id]);
    // the previous job: the current hour dirty on every run, so the whole day recounted from raw
    const rebuilds = [];
    for (let i = 0; i < ROUNDS; i++) {
      await db.query('INSERT INTO rollup_dirty_hours (creator_id, hour) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        creator.id,
        new Date(day + DAY - 3_600_000),
      ]);
      rebuilds.push(await rollDay());
    }
    const [early5, late5, rebuild] = [early, late, rebuilds].map((runs) => median(runs.map((run) => run.ms)));
    console.log(
      `  rollup run after a minute of traffic (${EVENTS_PER_MINUTE} events), median of ${ROUNDS}: ` +
        `00:05 ${early5.toFixed(0)} ms, 23:55 ${late5.toFixed(0)} ms (day of ${events.toLocaleString('en')} events); ` +
        `rebuilding the day ${rebuild.toFixed(0)} ms; catching up ${catchUp.events.toLocaleString('en')} events ${(catchUp.ms / 1000).toFixed(1)} s`,
    );
    return [
      { bench: 'rollup', metric: `run at 00:05 (${EVENTS_PER_MINUTE} new events)`, value: round(early5), unit: 'ms' },
      {
        bench: 'rollup',
        metric: `run at 23:55 (${EVENTS_PER_MINUTE} new events, ${events.toLocaleString('en')} in the day)`,
        value: round(late5),
        unit: 'ms',
        baseline: round(rebuild),
        note: 'baseline: the whole day rebuilt (the previous job, every minute)',
      },
      {
        bench: 'rollup',
        metric: 'catch-up of a busy day, per 1,000 events',
        value: round((catchUp.ms / catchUp.events) * 1000),
        unit: 'ms',
      },
    ];
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRollupBench().then(
    (results) => {
      console.table(results);
      process.exit(0);
    },
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
