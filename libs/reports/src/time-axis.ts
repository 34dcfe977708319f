import type { TimeseriesInterval } from '@app/common';
import { type ZonedParts, zonedParts } from '@app/common';
import { MONTHS, pad, WEEKDAYS } from './period.format.js';

export interface AxisLabel {
  index: number;
  text: string;
}

type Candidate = (p: ZonedParts) => boolean;

/**
 * Which buckets of a timeseries get a date label, and what it says, in the report's zone.
 * Labels fall on calendar boundaries (month starts, Mondays, midnights) rather than every n-th
 * bucket, and are thinned to at most `maxLabels`.
 */
export function timeAxisLabels(starts: string[], interval: TimeseriesInterval, tz: string, maxLabels = 8): AxisLabel[] {
  const parts = starts.map((t) => zonedParts(new Date(t), tz));
  const level = labelLevel(interval, parts.length);
  const picked = parts.flatMap((p, index) => (level.isBoundary(p) ? [index] : []));
  const every = Math.ceil(picked.length / maxLabels);
  return picked.filter((_, i) => i % every === 0).map((index, i) => ({ index, text: level.text(parts[index], i === 0) }));
}

interface Level {
  isBoundary: Candidate;
  text: (p: ZonedParts, first: boolean) => string;
}

const dayMonth = (p: ZonedParts) => `${p.day} ${MONTHS[p.month - 1].slice(0, 3)}`;
const monthYear = (p: ZonedParts, first: boolean) =>
  MONTHS[p.month - 1].slice(0, 3) + (first || p.month === 1 ? ` ${p.year}` : '');
const every: Candidate = () => true;

function labelLevel(interval: TimeseriesInterval, count: number): Level {
  switch (interval) {
    case 'month':
      return { isBoundary: every, text: monthYear };
    case 'week':
      return count > 20 ? { isBoundary: (p) => p.day <= 7, text: monthYear } : { isBoundary: every, text: dayMonth };
    case 'day':
      if (count > 62) return { isBoundary: (p) => p.day === 1, text: monthYear };
      return count > 14 ? { isBoundary: (p) => p.weekday === 0, text: dayMonth } : { isBoundary: every, text: dayMonth };
    case 'hour':
      return count > 48
        ? { isBoundary: (p) => p.hour === 0, text: (p) => `${WEEKDAYS[p.weekday].slice(0, 3)} ${dayMonth(p)}` }
        : { isBoundary: (p) => p.hour % 3 === 0, text: (p) => (p.hour === 0 ? dayMonth(p) : `${pad(p.hour)}:00`) };
  }
}
