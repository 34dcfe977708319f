/**
 * The range presets and what they mean, as pure functions of (preset, now, tz).
 * Day-based ranges start at midnight in the creator's zone; every range ends "now" (to the
 * minute), so the previous period the API compares with is exactly as long and fully elapsed.
 */
import { MAX_RANGE_DAYS, type TimeseriesInterval } from '../api/types';
import {
  addDays,
  calendarDate,
  compareDates,
  formatDate,
  formatIsoDate,
  parseIsoDate,
  startOfDay,
  zonedToUtc,
  type CalendarDate,
} from '../format/time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const PRESETS = ['today', '24h', '7d', '30d', '90d', '12mo', 'all', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = '7d';

export const PRESET_LABELS: Record<Preset, string> = {
  today: 'Today',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '12mo': 'Last 12 months',
  all: 'All time',
  custom: 'Custom range',
};

export const PRESET_SHORT: Record<Preset, string> = {
  today: 'Today',
  '24h': '24h',
  '7d': '7d',
  '30d': '30d',
  '90d': '90d',
  '12mo': '12mo',
  all: 'All',
  custom: 'Custom',
};

export function parsePreset(s: string | null): Preset {
  return (PRESETS as readonly string[]).includes(s ?? '') ? (s as Preset) : DEFAULT_PRESET;
}

export interface ResolvedRange {
  from: number;
  to: number;
}

/** `now` rounded up to the whole minute, so that URLs and cache keys are stable within a minute. */
export function nowMinute(now = Date.now()): number {
  return Math.ceil(now / 60_000) * 60_000;
}

/** The first day a view may start on: the API answers ranges of at most MAX_RANGE_DAYS days. */
export function earliestStart(now: number, tz: string): number {
  return startOfDay(addDays(calendarDate(now - 1, tz), -(MAX_RANGE_DAYS - 1)), tz);
}

/** Whole days of a custom range, both ends included. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY) + 1;
}

/**
 * [from, to) of a preset ending now, or of a custom range. `since` is when the account was made:
 * "All time" starts on that day, or MAX_RANGE_DAYS days ago for an older account.
 */
export function resolveRange(
  preset: Preset,
  custom: { from: CalendarDate; to: CalendarDate } | null,
  now: number,
  tz: string,
  since: number | null = null,
): ResolvedRange {
  const today = calendarDate(now - 1, tz);
  switch (preset) {
    case 'all': {
      const created = since === null ? now : startOfDay(calendarDate(since, tz), tz);
      return { from: Math.max(created, earliestStart(now, tz)), to: now };
    }
    case 'today':
      return { from: startOfDay(today, tz), to: now };
    case '24h':
      return { from: now - 24 * 3_600_000, to: now };
    case '7d':
      return { from: startOfDay(addDays(today, -6), tz), to: now };
    case '30d':
      return { from: startOfDay(addDays(today, -29), tz), to: now };
    case '90d':
      return { from: startOfDay(addDays(today, -89), tz), to: now };
    case '12mo': {
      const m = today.month - 11;
      const year = today.year + Math.floor((m - 1) / 12);
      const month = ((((m - 1) % 12) + 12) % 12) + 1;
      return { from: zonedToUtc(year, month, 1, 0, 0, tz), to: now };
    }
    case 'custom': {
      if (!custom) return resolveRange(DEFAULT_PRESET, null, now, tz);
      const [a, b] = compareDates(custom.from, custom.to) <= 0 ? [custom.from, custom.to] : [custom.to, custom.from];
      // inclusive of the last day: [start of `from`, start of the day after `to`)
      return { from: startOfDay(a, tz), to: startOfDay(addDays(b, 1), tz) };
    }
  }
}

export function parseCustom(from: string | null, to: string | null): { from: CalendarDate; to: CalendarDate } | null {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return a && b ? { from: a, to: b } : null;
}

/** Intervals that give a readable chart for a range: not one bar, not thousands of points. */
export function allowedIntervals(range: ResolvedRange): TimeseriesInterval[] {
  const span = range.to - range.from;
  const out: TimeseriesInterval[] = [];
  if (span <= 14 * DAY) out.push('hour');
  if (span > 1.5 * DAY && span <= 800 * DAY) out.push('day');
  if (span >= 21 * DAY) out.push('week');
  if (span >= 80 * DAY) out.push('month');
  return out.length ? out : ['day'];
}

export function defaultInterval(preset: Preset, range: ResolvedRange): TimeseriesInterval {
  if (preset === 'today' || preset === '24h') return 'hour';
  if (preset === '12mo') return 'month';
  const span = range.to - range.from;
  if (span <= 2 * DAY) return 'hour';
  if (span <= 120 * DAY) return 'day';
  if (span <= 500 * DAY) return 'week';
  return 'month';
}

/** "Mar 3 – Apr 1, 2026" in the zone; the end shown is the last day included. */
export function rangeLabel(range: ResolvedRange, tz: string): string {
  const lastIncluded = range.to - 1;
  const a = calendarDate(range.from, tz);
  const b = calendarDate(lastIncluded, tz);
  if (range.to - range.from <= DAY + HOUR && compareDates(a, b) === 0) {
    return formatDate(range.from, tz, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  }
  if (range.to - range.from <= DAY + HOUR) {
    return `${formatDate(range.from, tz, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })} – ${formatDate(range.to, tz, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })}`;
  }
  const sameYear = a.year === b.year;
  const left = formatDate(range.from, tz, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
  const right = formatDate(lastIncluded, tz, { month: 'short', day: 'numeric', year: 'numeric' });
  return `${left} – ${right}`;
}

export function isoDateIn(ms: number, tz: string): string {
  return formatIsoDate(calendarDate(ms, tz));
}
