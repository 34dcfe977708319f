import { seededRandom } from '../../../analytics/src/seeded-random.js';

export const HOUR_MS = 3_600_000;
export const WEEK_HOURS = 168;

/** An injected anomaly: hours [start, start + length) multiplied by `factor` (0: nothing at all). */
export interface Injection {
  start: number;
  length: number;
  factor: number;
}

export interface TrafficShape {
  weeks: number;
  /** mean clicks of an average hour */
  perHour: number;
  /** growth per week (0.05: +5 %) */
  trend?: number;
  injections?: Injection[];
  seed: number;
}

/** A person's day: quiet nights, an evening peak; weekends a little busier. */
function seasonality(hour: number): number {
  const hourOfDay = hour % 24;
  const weekday = Math.floor(hour / 24) % 7;
  const daily =
    0.35 +
    1.3 * Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI)) ** 1.5 +
    0.25 * Math.sin((hourOfDay / 24) * 4 * Math.PI);
  return daily * (weekday >= 5 ? 1.25 : 1);
}

/** Poisson noise (Knuth for small means, a normal approximation above). */
function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  let k = 0;
  let p = 1;
  const limit = Math.exp(-mean);
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

/** Hourly counts, hour 0 a Monday 00:00 UTC, with a day-to-day mood of ±10 % on top of Poisson noise. */
export function syntheticSeries(shape: TrafficShape): number[] {
  const random = seededRandom(shape.seed);
  const hours = shape.weeks * WEEK_HOURS;
  const mood = Array.from({ length: Math.ceil(hours / 24) }, () => 0.9 + 0.2 * random());
  return Array.from({ length: hours }, (_, hour) => {
    const growth = (1 + (shape.trend ?? 0)) ** (hour / WEEK_HOURS);
    const injected = (shape.injections ?? []).find((i) => hour >= i.start && hour < i.start + i.length);
    const mean = shape.perHour * seasonality(hour) * growth * mood[Math.floor(hour / 24)] * (injected ? injected.factor : 1);
    return poisson(mean, random);
  });
}
