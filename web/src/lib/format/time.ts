/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl: the dashboard's ranges
 * ("today", "last 7 days") are calendar days in the creator's zone, not in the browser's.
 */

import { zonedParts } from '../../../../libs/common/src/zoned-parts.ts';

/** The zone's offset from UTC at an instant, in milliseconds (e.g. +5:45 → 20_700_000). */
export function tzOffsetMs(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows the given date and time. A time skipped by a
 * DST jump (e.g. midnight in America/Santiago on its spring day) resolves to the first instant
 * after the gap; a repeated time resolves to its first occurrence.
 */
export function zonedToUtc(year: number, month: number, day: number, hour = 0, minute = 0, tz: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const off1 = tzOffsetMs(wall, tz);
  const guess1 = wall - off1;
  const off2 = tzOffsetMs(guess1, tz);
  if (off1 === off2) {
    // first occurrence of a repeated hour: try the earlier offset too
    const earlier = wall - tzOffsetMs(guess1 - 3_600_000 * 3, tz);
    if (earlier < guess1 && tzOffsetMs(earlier, tz) === wall - earlier) return earlier;
    return guess1;
  }
  const guess2 = wall - off2;
  if (tzOffsetMs(guess2, tz) === off2) return guess2;
  // in a gap: neither offset maps back to the wall time; the gap ends at the later instant
  return Math.max(guess1, guess2);
}

/** Calendar date arithmetic, independent of any zone. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function calendarDate(ms: number, tz: string): CalendarDate {
  const p = zonedParts(ms, tz);
  return { year: p.year, month: p.month, day: p.day };
}

export function startOfDay(date: CalendarDate, tz: string): number {
  return zonedToUtc(date.year, date.month, date.day, 0, 0, tz);
}

/** YYYY-MM-DD */
export function formatIsoDate(d: CalendarDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function parseIsoDate(s: string | null | undefined): CalendarDate | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = addDays(d, 0);
  return check.year === d.year && check.month === d.month && check.day === d.day ? d : null;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "YYYY-MM-DDTHH:mm" for <input type="datetime-local">, as the wall clock in tz shows the instant. */
export function toDateTimeLocal(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${formatIsoDate(p)}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The instant of a "YYYY-MM-DDTHH:mm" wall time in tz, or null. */
export function fromDateTimeLocal(s: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(s);
  if (!m) return null;
  return zonedToUtc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), tz);
}

export function isValidTimeZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows, UTC first. */
export function timeZones(): string[] {
  if (!zones) {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    const list = intl.supportedValuesOf?.('timeZone') ?? [browserTimeZone()];
    zones = ['UTC', ...list.filter((z) => z !== 'UTC')];
  }
  return zones;
}

/** "GMT+5:45"-style label of a zone's current offset. */
export function offsetLabel(tz: string, at = Date.now()): string {
  const off = Math.round(tzOffsetMs(at, tz) / 60_000);
  if (off === 0) return 'UTC';
  const sign = off > 0 ? '+' : '−';
  const h = Math.floor(Math.abs(off) / 60);
  const m = Math.abs(off) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tz + JSON.stringify(opts);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: tz });
    fmtCache.set(key, f);
  }
  return f;
}

export function formatDate(ms: number | string, tz: string, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return fmt(tz, opts).format(new Date(ms));
}

export function formatDateTime(ms: number | string, tz: string): string {
  return fmt(tz, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
/** Server clocks run a little ahead of some devices: an event up to this far in the future happened "just now". */
const CLOCK_SKEW_S = 300;

export function formatRelative(ms: number | string, now = Date.now()): string {
  const ahead = (new Date(ms).getTime() - now) / 1000;
  const diff = ahead > 0 && ahead < CLOCK_SKEW_S ? 0 : ahead;
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  if (abs < 2700) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 79200) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 26) return rtf.format(Math.round(diff / 86400), 'day');
  if (abs < 86400 * 320) return rtf.format(Math.round(diff / (86400 * 30)), 'month');
  return rtf.format(Math.round(diff / (86400 * 365)), 'year');
}

/** A timeseries bucket's start as a label: "3:00 PM", "Mon, Mar 2", "Week of Mar 2", "March 2026"; `long` adds the day or year. */
export function formatBucket(t: string, interval: 'hour' | 'day' | 'week' | 'month', tz: string, long = false): string {
  const ms = Date.parse(t);
  switch (interval) {
    case 'hour': {
      const d = formatDate(ms, tz, { weekday: 'short', month: 'short', day: 'numeric' });
      const h = formatDate(ms, tz, { hour: 'numeric', minute: '2-digit' });
      return long ? `${d}, ${h}` : h;
    }
    case 'day':
      return formatDate(ms, tz, { weekday: 'short', month: 'short', day: 'numeric', year: long ? 'numeric' : undefined });
    case 'week':
      return `Week of ${formatDate(ms, tz, { month: 'short', day: 'numeric', year: long ? 'numeric' : undefined })}`;
    case 'month':
      return formatDate(ms, tz, { month: 'long', year: 'numeric' });
  }
}
