const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * An ISO 8601 date-time that names one instant: with `Z` or an offset (`+05:45`, `-0330`, `+02`).
 * Returns epoch milliseconds, or null for anything else (no offset, impossible dates like 02-30).
 * Events are stored to the millisecond, so a bound finer than that (`.172400`, as Python's
 * `isoformat()` writes) is rounded **up** to the next millisecond: for an inclusive `from` and an
 * exclusive `to` alike, the events counted are then exactly those inside the exact bounds (an event
 * at `.172` is before `from=….1724` and before `to=….1724`). Truncating would count it in both.
 */
export function parseInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (new Date(local).getUTCDate() !== day) return null;
  return withOffset(local + (/[1-9]/.test(fraction.slice(3)) ? 1 : 0), zone);
}

function withOffset(local: number, zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return local;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2) || '0');
  if (offsetHours > 18 || offsetMinutes > 59) return null;
  return local - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
