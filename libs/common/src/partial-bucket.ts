import type { TimeseriesInterval } from './analytics.types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The shortest a whole bucket can be (a day of a spring-forward change has 23 hours, February 28 days). */
const SHORTEST_WHOLE: Record<TimeseriesInterval, number> = { hour: HOUR, day: 23 * HOUR, week: 7 * DAY - HOUR, month: 28 * DAY };

/**
 * The bucket of a chart that is still being counted, drawn as partial (dashed, muted) so a
 * December with one day in it never looks like a collapse: the bucket that contains `now`, or a
 * last bucket the range cuts short. Buckets are [start, next start), the last one ends with the
 * range. A cut within a bucket's shortest whole length of its start is not seen (a month cut on
 * its 29th day), which errs on the side of drawing it whole. Returns its index, or null.
 */
export function partialBucketIndex(starts: number[], interval: TimeseriesInterval, rangeEnd: number, now: number): number | null {
  const current = starts.findLastIndex((start) => start <= Math.min(now, rangeEnd - 1));
  if (current < 0) return null;
  const end = current + 1 < starts.length ? starts[current + 1] : rangeEnd;
  if (now < end) return current;
  return current === starts.length - 1 && rangeEnd - starts[current] < SHORTEST_WHOLE[interval] ? current : null;
}
