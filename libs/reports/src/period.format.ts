import { zonedParts } from '@app/common';

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

export interface Period {
  from: string;
  to: string;
  tz: string;
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
