export const QUARTER = 900_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** [start, end) in epoch milliseconds */
export type Interval = [number, number];

/** Where each piece of a range is read from; the pieces of all tiers partition the range exactly. */
export interface TierPlan {
  raw: Interval[];
  quarter: Interval[];
  hour: Interval[];
  day: Interval[];
}

/**
 * Which rollups can answer for the data asked: every grain (the totals of the creator or of one
 * link), hours and days (one dimension value: the 15-minute rollup has no dimensions), days only
 * (one dimension value of one link: links have dimensions in the daily rollup only), or none
 * (several filters at once: raw events only).
 */
export type RollupReach = 'all' | 'hourly' | 'daily' | 'none';

type Tier = 'raw' | 'quarter' | 'hour' | 'day';
const SIZES: Record<Exclude<Tier, 'raw'>, number> = { quarter: QUARTER, hour: HOUR, day: DAY };

const floorTo = (at: number, size: number): number => Math.floor(at / size) * size;
const ceilTo = (at: number, size: number): number => Math.ceil(at / size) * size;

/** Appends [start, end) to a sorted list, merging it with the last interval when they touch. */
function append(list: Interval[], start: number, end: number): void {
  if (start >= end) return;
  const last = list[list.length - 1];
  if (last && last[1] === start) last[1] = end;
  else list.push([start, end]);
}

/** The sorted dirty hours that intersect [start, end). */
function dirtyWithin(dirtyHours: number[], start: number, end: number): number[] {
  let lo = 0;
  let hi = dirtyHours.length;
  const first = floorTo(start, HOUR);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dirtyHours[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let i = lo; i < dirtyHours.length && dirtyHours[i] < end; i++) found.push(dirtyHours[i]);
  return found;
}

/**
 * Splits the buckets [bounds[0], bounds[1]), [bounds[1], bounds[2]) … into pieces each read from
 * the coarsest tier that fits inside its bucket: whole UTC days, whole hours, whole quarters, and
 * raw events for what is left (edges that are not on a quarter). Hours still marked dirty (not
 * rolled up since their last event, the current hour among them) and the days around them are
 * read from raw events and hours instead, so the answer always equals a recount of the raw events.
 * Every tier row then lies inside one bucket, so bucketing rows by their start time is exact.
 */
export function planTiers(bounds: number[], dirtyHours: number[], reach: RollupReach): TierPlan {
  const plan: TierPlan = { raw: [], quarter: [], hour: [], day: [] };
  if (reach === 'none') {
    append(plan.raw, bounds[0], bounds[bounds.length - 1]);
    return plan;
  }

  const toRaw = (start: number, end: number): void => append(plan.raw, start, end);
  // a piece of an hour-grained tier, with its dirty hours carved out to raw
  const emitHourGrained = (tier: 'quarter' | 'hour', start: number, end: number): void => {
    if ((tier === 'quarter' && reach !== 'all') || reach === 'daily') return toRaw(start, end);
    let cursor = start;
    for (const dirty of dirtyWithin(dirtyHours, start, end)) {
      append(plan[tier], cursor, Math.max(cursor, dirty));
      cursor = Math.min(end, dirty + HOUR);
      toRaw(Math.max(start, dirty), cursor);
    }
    append(plan[tier], cursor, end);
  };
  const emitDays = (start: number, end: number): void => {
    for (let day = start; day < end; day += DAY) {
      if (dirtyWithin(dirtyHours, day, day + DAY).length > 0) emitHourGrained('hour', day, day + DAY);
      else append(plan.day, day, day + DAY);
    }
  };
  const emit = (tier: Tier, start: number, end: number): void => {
    if (start >= end) return;
    if (tier === 'raw') toRaw(start, end);
    else if (tier === 'day') emitDays(start, end);
    else emitHourGrained(tier, start, end);
  };

  for (let i = 0; i + 1 < bounds.length; i++) {
    let lo = bounds[i];
    let hi = bounds[i + 1];
    let tier: Tier = 'raw';
    // the left edges, finest first, then the middle, then the right edges, coarsest first:
    // so pieces are emitted in time order and each tier's list stays sorted
    const right: [Tier, number, number][] = [];
    for (const next of ['quarter', 'hour', 'day'] as const) {
      const lo2 = ceilTo(lo, SIZES[next]);
      const hi2 = floorTo(hi, SIZES[next]);
      if (lo2 >= hi2) break;
      emit(tier, lo, lo2);
      right.push([tier, hi2, hi]);
      lo = lo2;
      hi = hi2;
      tier = next;
    }
    emit(tier, lo, hi);
    for (let j = right.length - 1; j >= 0; j--) emit(...right[j]);
  }
  return plan;
}

/** Where the distinct visitors of each bucket come from: clean whole UTC days, or raw events. */
export interface VisitorPlan {
  raw: Interval[];
  day: Interval[];
}

/**
 * Visitor ids change every UTC day, so a bucket's distinct visitors are the sum over its UTC days.
 * Whole days with no dirty hour come from the daily rollup; partial and dirty days from raw events.
 */
export function planVisitors(bounds: number[], dirtyHours: number[], reach: RollupReach): VisitorPlan {
  const plan: VisitorPlan = { raw: [], day: [] };
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    const firstDay = ceilTo(start, DAY);
    const lastDay = floorTo(end, DAY);
    if (reach === 'none' || firstDay >= lastDay) {
      append(plan.raw, start, end);
      continue;
    }
    append(plan.raw, start, firstDay);
    for (let day = firstDay; day < lastDay; day += DAY) {
      append(dirtyWithin(dirtyHours, day, day + DAY).length > 0 ? plan.raw : plan.day, day, day + DAY);
    }
    append(plan.raw, lastDay, end);
  }
  return plan;
}
