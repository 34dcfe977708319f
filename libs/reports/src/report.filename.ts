import { zonedParts } from '@app/common';
import { pad } from './period.format.js';

/**
 * The PDF's file name: linkpulse-<username>-<first day>-<last day>.pdf, days in the report's zone,
 * the last one inclusive (a report of October is linkpulse-maya-2026-10-01-2026-10-31.pdf).
 * A zone this Node does not know (a row written by hand) falls back to UTC days.
 */
export function reportFilename(username: string, report: { from: Date; to: Date; tz: string }): string {
  const day = (at: number, tz: string): string => {
    const p = zonedParts(new Date(at), tz);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  };
  const days = (tz: string): string => `${day(report.from.getTime(), tz)}-${day(report.to.getTime() - 1, tz)}`;
  let range: string;
  try {
    range = days(report.tz);
  } catch {
    range = days('UTC');
  }
  return `linkpulse-${username}-${range}.pdf`;
}
