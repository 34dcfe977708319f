import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../analytics/src/seeded-random.js';
import { HOUR_MS, type Injection, syntheticSeries, WEEK_HOURS } from './__fixtures__/synthetic-traffic.js';
import { episodeOf } from './alert-episodes.js';
import {
  type AlertKind,
  DEFAULT_DETECTOR_SETTINGS,
  detect,
  detectorInput,
  driversOf,
  type HourlySeries,
  judgeHour,
  levelOf,
  median,
} from './anomaly.detector.js';

const seriesOf = (counts: number[]): HourlySeries => ({
  countAt: (hour) => counts[hour / HOUR_MS] ?? 0,
  weeksBefore: (hour: number, weeks: number) => hour - weeks * WEEK_HOURS * HOUR_MS,
  since: 0,
});

interface Found {
  kind: AlertKind;
  firstHour: number;
  lastHour: number;
}

/** Runs the detector over every hour from `fromHour` on, merging anomalous hours into alerts as the service does (hours as indices). */
function alertsOver(metrics: { clicks?: number[]; bot_hits?: number[] }, fromHour: number): Found[] {
  const found: Found[] = [];
  const length = (metrics.clicks ?? metrics.bot_hits)!.length;
  for (let h = fromHour; h < length; h++) {
    const hour = h * HOUR_MS;
    const inputs = Object.fromEntries(
      Object.entries(metrics).map(([metric, counts]) => [metric, detectorInput(seriesOf(counts), hour)]),
    );
    for (const detection of detect(inputs, DEFAULT_DETECTOR_SETTINGS)) {
      const open = episodeOf(
        found.filter((f) => f.kind === detection.kind),
        hour,
      );
      if (open) open.lastHour = hour;
      else found.push({ kind: detection.kind, firstHour: hour, lastHour: hour });
    }
  }
  return found.map((f) => ({ ...f, firstHour: f.firstHour / HOUR_MS, lastHour: f.lastHour / HOUR_MS }));
}

const evaluatedFrom = 9 * WEEK_HOURS;
const weeks = 12;

describe('median and level', () => {
  it('median of odd and even lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('the level is the median daily ratio, so one odd day does not move it', () => {
    const day = (value: number) => ({ value, weeks: [100, 100, 100, 100] });
    expect(levelOf([day(110), day(110), day(900), day(110), day(110), day(110), day(110)])).toBeCloseTo(1.1);
    expect(levelOf([day(0), day(0), day(0), day(0), day(0), day(0), day(0)])).toBe(0.5);
    expect(levelOf([])).toBe(1);
  });
});

describe('judgeHour', () => {
  const flatDays = Array.from({ length: 7 }, () => ({ value: 2400, weeks: [2400, 2400, 2400, 2400] }));

  it('a viral hour in the history moves neither the expectation nor the spread', () => {
    const verdict = judgeHour(
      { hour: { value: 400, weeks: [100, 104, 2000, 97, 101] }, days: flatDays },
      DEFAULT_DETECTOR_SETTINGS,
    );
    expect(verdict).toMatchObject({ direction: 'up', expected: 101, weeks: 5 });
    expect(verdict!.score).toBeGreaterThan(10);
  });

  it('2 → 6 is no alert: below the minimum volume', () => {
    expect(judgeHour({ hour: { value: 6, weeks: [2, 2, 2, 2] }, days: flatDays }, DEFAULT_DETECTOR_SETTINGS)).toBeNull();
  });

  it('a drop needs the minimum volume expected', () => {
    expect(judgeHour({ hour: { value: 0, weeks: [12, 12, 12, 12] }, days: flatDays }, DEFAULT_DETECTOR_SETTINGS)).toBeNull();
    expect(judgeHour({ hour: { value: 0, weeks: [60, 58, 62, 61] }, days: flatDays }, DEFAULT_DETECTOR_SETTINGS)).toMatchObject({
      direction: 'down',
      expected: 60.5,
    });
  });

  it('no alert before MIN_WEEKS of history', () => {
    expect(judgeHour({ hour: { value: 900, weeks: [100, 100] }, days: flatDays }, DEFAULT_DETECTOR_SETTINGS)).toBeNull();
  });

  it('the threshold is the creator’s', () => {
    const input = { hour: { value: 160, weeks: [100, 100, 100, 100] }, days: flatDays };
    // 4 deviations of 15
    expect(judgeHour(input, DEFAULT_DETECTOR_SETTINGS)).toMatchObject({ direction: 'up', score: 4, spread: 15 });
    expect(judgeHour(input, { threshold: 4.5, minVolume: 20 })).toBeNull();
    expect(judgeHour(input, { threshold: 3, minVolume: 200 })).toBeNull();
  });
});

describe('detector on synthetic series', () => {
  it('weekly seasonality alone raises nothing', () => {
    expect(alertsOver({ clicks: syntheticSeries({ weeks, perHour: 80, seed: 1 }) }, evaluatedFrom)).toEqual([]);
  });

  it('a steady trend (+6 % a week) raises nothing', () => {
    expect(alertsOver({ clicks: syntheticSeries({ weeks, perHour: 80, trend: 0.06, seed: 2 }) }, evaluatedFrom)).toEqual([]);
  });

  it('a quiet creator raises nothing', () => {
    expect(alertsOver({ clicks: syntheticSeries({ weeks, perHour: 3, seed: 3 }) }, evaluatedFrom)).toEqual([]);
  });

  it('a viral day is one spike, and the same day of the following weeks is normal again', () => {
    const viral = { start: 7 * WEEK_HOURS + 2 * 24 + 8, length: 14, factor: 6 };
    const clicks = syntheticSeries({ weeks, perHour: 80, injections: [viral], seed: 4 });
    expect(alertsOver({ clicks }, 7 * WEEK_HOURS)).toEqual([
      { kind: 'spike', firstHour: viral.start, lastHour: viral.start + 13 },
    ]);
  });

  it('a drop to zero is one drop alert while it lasts', () => {
    const outage = { start: 10 * WEEK_HOURS + 3 * 24 + 10, length: 6, factor: 0 };
    const clicks = syntheticSeries({ weeks, perHour: 80, injections: [outage], seed: 5 });
    expect(alertsOver({ clicks }, evaluatedFrom)).toEqual([
      { kind: 'drop', firstHour: outage.start, lastHour: outage.start + 5 },
    ]);
  });

  it('a bot burst is a bot surge, with clicks unmoved', () => {
    const burst = { start: 10 * WEEK_HOURS + 4 * 24 + 15, length: 2, factor: 12 };
    const clicks = syntheticSeries({ weeks, perHour: 80, seed: 6 });
    const bots = syntheticSeries({ weeks, perHour: 8, injections: [burst], seed: 7 });
    expect(alertsOver({ clicks, bot_hits: bots }, evaluatedFrom)).toEqual([
      { kind: 'bot_surge', firstHour: burst.start, lastHour: burst.start + 1 },
    ]);
  });
});

/**
 * Precision and recall on a generated set (docs/alerts.md): series of different volumes and
 * trends, each with 0–2 injected anomalies (spikes ×1.5–8 of 1–6 hours, drops to 0–60 % of 2–8
 * hours). An alert is right when it overlaps an injection; an injection is found when an alert overlaps it.
 */
function scoreGeneratedSet(count: number, seed: number): { alerts: number; correct: number; injected: number; found: number } {
  const random = seededRandom(seed);
  const tally = { alerts: 0, correct: 0, injected: 0, found: 0 };
  for (let s = 0; s < count; s++) {
    const injections: Injection[] = [];
    const n = Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const spike = random() < 0.5;
      const start = evaluatedFrom + 24 * (7 * i + 1 + Math.floor(random() * 5)) + 8 + Math.floor(random() * 12);
      injections.push(
        spike
          ? { start, length: 1 + Math.floor(random() * 6), factor: 1.5 + random() * 6.5 }
          : { start, length: 2 + Math.floor(random() * 7), factor: random() * 0.6 },
      );
    }
    const clicks = syntheticSeries({
      weeks,
      perHour: 40 + random() * 400,
      trend: random() * 0.1 - 0.03,
      injections,
      seed: seed * 1000 + s,
    });
    const alerts = alertsOver({ clicks }, evaluatedFrom);
    const overlaps = (a: Found, i: Injection) => a.firstHour < i.start + i.length && a.lastHour >= i.start;
    tally.alerts += alerts.length;
    tally.correct += alerts.filter((a) => injections.some((i) => overlaps(a, i))).length;
    tally.injected += injections.length;
    tally.found += injections.filter((i) => alerts.some((a) => overlaps(a, i))).length;
  }
  return tally;
}

describe('precision and recall on a generated set', () => {
  it('precision ≥ 0.95 and recall ≥ 0.9 over 60 series', () => {
    const tally = scoreGeneratedSet(60, 42);
    const precision = tally.correct / tally.alerts;
    const recall = tally.found / tally.injected;
    expect({ precision: precision >= 0.95, recall: recall >= 0.9, tally }).toMatchObject({ precision: true, recall: true });
  });
});

describe('driversOf', () => {
  const weeksOf = (share: Record<string, number>, total: number) =>
    Array.from({ length: 4 }, () =>
      Object.fromEntries(Object.entries(share).map(([value, s]) => [value, Math.round(s * total)])),
    );

  it('names the source that brought the excess, against its baseline share', () => {
    const drivers = driversOf({ value: 500, expected: 100, direction: 'up' }, [
      {
        dimension: 'source',
        current: { instagram: 60, tiktok: 420, direct: 20 },
        weeks: weeksOf({ instagram: 0.6, tiktok: 0.2, direct: 0.2 }, 100),
      },
      { dimension: 'country', current: { US: 250, DE: 250 }, weeks: weeksOf({ US: 0.5, DE: 0.5 }, 100) },
    ]);
    expect(drivers[0]).toEqual({ dimension: 'source', value: 'tiktok', count: 420, share: 0.84, baselineShare: 0.2 });
    expect(drivers.map((d) => `${d.dimension}:${d.value}`)).toEqual(['source:tiktok', 'country:DE', 'country:US']);
  });

  it('names what went missing in a drop', () => {
    const drivers = driversOf({ value: 40, expected: 100, direction: 'down' }, [
      { dimension: 'link', current: { a: 40, b: 0 }, weeks: weeksOf({ a: 0.4, b: 0.6 }, 100) },
    ]);
    expect(drivers).toEqual([{ dimension: 'link', value: 'b', count: 0, share: 0, baselineShare: 0.6 }]);
  });
});
