import { type BreakdownRow, SOURCE_NAMES } from '@app/common';
import { printable } from './report.fonts.js';

const SOURCES: Record<string, string> = SOURCE_NAMES;

// "Other" alone would read like the list's own "Other (n more)" row
const DEVICES: Record<string, string> = { other: 'Other devices' };

/** How a row of a breakdown is named in the report: the API's label, else a readable value. */
export function sourceLabel(row: BreakdownRow): string {
  return row.label ?? SOURCES[row.value] ?? capitalize(row.value);
}

export function deviceLabel(row: BreakdownRow): string {
  return row.label ?? DEVICES[row.value] ?? capitalize(row.value);
}

export function countryLabel(row: BreakdownRow): string {
  return row.label ?? capitalize(row.value);
}

/** A link's title, or its id when the title has nothing the font can print (an emoji-only title). */
export function linkLabel(row: BreakdownRow): string {
  return printable(row.label ?? '') || row.value;
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
