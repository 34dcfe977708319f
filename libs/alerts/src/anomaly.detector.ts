/**
 * The anomaly detector: pure functions over hourly counts (docs/alerts.md).
 *
 * An hour is held against the same local hour of the week in the previous weeks: their median is
 * the expectation and their median absolute deviation the spread, so one viral day in the history
 * moves neither. A level factor (the median, over the 7 days before, of each day's count against
 * the same day in the previous weeks) follows a trend without being dragged by one odd day.
 */

export type AlertMetric = 'clicks' | 'views' | 'bot_hits';
export type AlertKind = 'spike' | 'drop' | 'bot_surge';

export interface DetectorSettings {
  /** robust deviations from the expectation that make an anomaly */
  threshold: number;
  /** a spike needs this many in the hour, a drop this many expected: 2 → 6 is no alert */
  minVolume: number;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = { threshold: 3, minVolume: 20 };

/** Fewer previous weeks than this: no baseline yet, no alert. */
export const MIN_WEEKS = 3;
/** Weeks of history read for a baseline. */
export const BASELINE_WEEKS = 8;
/** MAD × this estimates a standard deviation. */
const MAD_SCALE = 1.4826;
/** The spread is at least this share of the expectation: hourly traffic varies this much anyway. */
const MIN_RELATIVE_SPREAD = 0.15;
/** Hourly counts are noisier than Poisson (visitors come in groups): √n × this. */
const OVERDISPERSION = 1.5;
/** A spike is at least 1 + this times the expectation, a drop at most 1 − this: smaller moves are no news. */
const MIN_CHANGE = 0.5;
/** The level follows a trend within these bounds, so a long outage does not become the new normal. */
const LEVEL_BOUNDS = [0.5, 2] as const;

/** A count and the same count in each previous week (most recent first; weeks with no data left out). */
export interface WeeklyPoint {
  value: number;
  weeks: number[];
}

export interface DetectorInput {
  /** the hour judged */
  hour: WeeklyPoint;
  /** the 24-hour windows of the 7 days before the hour, for the level */
  days: WeeklyPoint[];
}

export interface Baseline {
  /** what the hour was expected to hold (median of the weeks × level) */
  expected: number;
  /** robust spread around it */
  spread: number;
  level: number;
  weeks: number;
}

export interface Verdict extends Baseline {
  value: number;
  /** robust deviations: (value − expected) / spread */
  score: number;
  direction: 'up' | 'down';
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The trend: the median ratio of each recent day to its weeks' median, within LEVEL_BOUNDS; 1 without data. */
export function levelOf(days: readonly WeeklyPoint[]): number {
  const ratios = days
    .filter((day) => day.weeks.length >= MIN_WEEKS && median(day.weeks) > 0)
    .map((day) => day.value / median(day.weeks));
  if (ratios.length === 0) return 1;
  return Math.min(LEVEL_BOUNDS[1], Math.max(LEVEL_BOUNDS[0], median(ratios)));
}

/** The hour's expectation and spread, or null when there are too few previous weeks. */
export function baselineOf(input: DetectorInput): Baseline | null {
  const weeks = input.hour.weeks;
  if (weeks.length < MIN_WEEKS) return null;
  const level = levelOf(input.days);
  const center = median(weeks);
  const mad = median(weeks.map((week) => Math.abs(week - center)));
  const expected = center * level;
  // counts are at least Poisson-noisy (√n), and never perfectly regular
  const spread = Math.max(MAD_SCALE * mad * level, OVERDISPERSION * Math.sqrt(expected), MIN_RELATIVE_SPREAD * expected, 1);
  return { expected, spread, level, weeks: weeks.length };
}

/** The hour's verdict when it is an anomaly past the settings, else null. */
export function judgeHour(input: DetectorInput, settings: DetectorSettings): Verdict | null {
  const baseline = baselineOf(input);
  if (!baseline) return null;
  const value = input.hour.value;
  const score = (value - baseline.expected) / baseline.spread;
  const { expected } = baseline;
  if (score >= settings.threshold && value >= settings.minVolume && value >= (1 + MIN_CHANGE) * expected)
    return { ...baseline, value, score, direction: 'up' };
  if (score <= -settings.threshold && expected >= settings.minVolume && value <= (1 - MIN_CHANGE) * expected)
    return { ...baseline, value, score, direction: 'down' };
  return null;
}

/** The kind of alert a metric's verdict raises; a fall in bot traffic is no alert. */
export function kindOf(metric: AlertMetric, direction: Verdict['direction']): AlertKind | null {
  if (metric === 'bot_hits') return direction === 'up' ? 'bot_surge' : null;
  return direction === 'up' ? 'spike' : 'drop';
}

export interface MetricVerdict extends Verdict {
  metric: AlertMetric;
}

export interface Detection {
  kind: AlertKind;
  /** the verdict that names the alert (the largest deviation), then the others of the same kind */
  verdicts: MetricVerdict[];
}

/** The alerts one hour raises: at most one per kind, its metrics ordered by how far they strayed. */
export function detect(inputs: Partial<Record<AlertMetric, DetectorInput>>, settings: DetectorSettings): Detection[] {
  const byKind = new Map<AlertKind, MetricVerdict[]>();
  for (const [metric, input] of Object.entries(inputs) as [AlertMetric, DetectorInput][]) {
    const verdict = judgeHour(input, settings);
    const kind = verdict && kindOf(metric, verdict.direction);
    if (!verdict || !kind) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), { ...verdict, metric }]);
  }
  return [...byKind].map(([kind, verdicts]) => ({
    kind,
    verdicts: verdicts.sort((a, b) => Math.abs(b.score) - Math.abs(a.score)),
  }));
}

/** One dimension's counts in the hour, and in the same hour of each previous week. */
export interface DimensionHistory {
  dimension: string;
  current: Record<string, number>;
  weeks: Record<string, number>[];
}

export interface Driver {
  dimension: string;
  value: string;
  /** the value's count in the hour */
  count: number;
  /** its share of the hour */
  share: number;
  /** its share of the same hour in the previous weeks (of their medians) */
  baselineShare: number;
}

/** A value is named when it explains at least this share of the change. */
const DRIVER_MIN_PART = 0.25;
const DRIVERS_PER_DIMENSION = 2;

/**
 * The values that drove a change: each value's count against what its baseline share of the
 * expected total would give, ranked by how much of the change it explains (the excess of a spike,
 * the shortfall of a drop); those explaining at least a quarter of it are named.
 */
export function driversOf(
  verdict: Pick<Verdict, 'value' | 'expected' | 'direction'>,
  dimensions: readonly DimensionHistory[],
): Driver[] {
  const change = Math.abs(verdict.value - verdict.expected);
  if (change === 0) return [];
  const sign = verdict.direction === 'up' ? 1 : -1;
  const drivers: (Driver & { part: number })[] = [];
  for (const { dimension, current, weeks } of dimensions) {
    const values = new Set([...Object.keys(current), ...weeks.flatMap((week) => Object.keys(week))]);
    const typical = new Map([...values].map((value) => [value, median(weeks.map((week) => week[value] ?? 0))]));
    const typicalTotal = [...typical.values()].reduce((sum, count) => sum + count, 0);
    const currentTotal = Object.values(current).reduce((sum, count) => sum + count, 0);
    const ranked = [...values]
      .map((value) => {
        const count = current[value] ?? 0;
        const baselineShare = typicalTotal > 0 ? (typical.get(value) ?? 0) / typicalTotal : 0;
        const part = (sign * (count - verdict.expected * baselineShare)) / change;
        return { dimension, value, count, share: currentTotal > 0 ? count / currentTotal : 0, baselineShare, part };
      })
      .filter((driver) => driver.part >= DRIVER_MIN_PART)
      .sort((a, b) => b.part - a.part || a.value.localeCompare(b.value))
      .slice(0, DRIVERS_PER_DIMENSION);
    drivers.push(...ranked);
  }
  return drivers.sort((a, b) => b.part - a.part).map(({ part: _part, ...driver }) => driver);
}

const HOUR_MS = 3_600_000;

/** Where an hourly series is read from: counts by hour (epoch ms), and what "k weeks before" means. */
export interface HourlySeries {
  /** the count of the hour starting at `hour` (0 when nothing happened) */
  countAt(hour: number): number;
  /** the hour k weeks before `hour`, at the same local time of the creator's zone */
  weeksBefore(hour: number, weeks: number): number;
  /** the first hour with data: earlier hours are no history, not zeros */
  since: number;
}

/** The detector's input for `hour`: the hour and the 7 days before it, each with up to BASELINE_WEEKS previous weeks. */
export function detectorInput(series: HourlySeries, hour: number): DetectorInput {
  const weekly = (hours: number[]): WeeklyPoint => {
    const weeks: number[] = [];
    for (let k = 1; k <= BASELINE_WEEKS; k++) {
      const shifted = hours.map((h) => series.weeksBefore(h, k));
      if (shifted[0] < series.since) break;
      weeks.push(shifted.reduce((sum, h) => sum + series.countAt(h), 0));
    }
    return { value: hours.reduce((sum, h) => sum + series.countAt(h), 0), weeks };
  };
  const days = Array.from({ length: 7 }, (_, d) =>
    weekly(Array.from({ length: 24 }, (_, i) => hour - (24 * (d + 1) - i) * HOUR_MS)),
  );
  return { hour: weekly([hour]), days };
}
