export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Wall-clock fields of an instant in a time zone; weekday 0 = Monday, month 1–12. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export interface Period {
  from: string;
  to: string;
  tz: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

// Only numeric parts are read from Intl, and names come from our own tables, so labels do not
// change with the ICU version Node was built with.
export function zonedParts(instant: Date, tz: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const { type, value } of formatterFor(tz).formatToParts(instant)) parts[type] = value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday],
  };
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/**
 * The days a `[from, to)` range covers, in its zone: "1 – 31 October 2026",
 * "15 September – 14 October 2026", "1 December 2025 – 31 January 2026", "5 October 2026".
 */
export function formatPeriod({ from, to, tz }: Period): string {
  const first = zonedParts(new Date(from), tz);
  const last = zonedParts(new Date(Date.parse(to) - 1), tz);
  const lastText = `${last.day} ${MONTHS[last.month - 1]} ${last.year}`;
  if (first.year !== last.year) return `${first.day} ${MONTHS[first.month - 1]} ${first.year} – ${lastText}`;
  if (first.month !== last.month) return `${first.day} ${MONTHS[first.month - 1]} – ${lastText}`;
  if (first.day !== last.day) return `${first.day} – ${lastText}`;
  return lastText;
}

/** The period just before, of the same length (SPEC section 3). */
export function previousPeriod({ from, to, tz }: Period): Period {
  const start = Date.parse(from);
  const length = Date.parse(to) - start;
  return { from: new Date(start - length).toISOString(), to: from, tz };
}

/** "3 November 2026, 09:05 (Europe/Berlin)" */
export function formatDateTime(instant: Date, tz: string): string {
  const p = zonedParts(instant, tz);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${pad(p.hour)}:${pad(p.minute)} (${tz})`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}
