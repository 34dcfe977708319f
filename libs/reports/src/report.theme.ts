import type { Trend } from './number.format.js';

/** Colours, type sizes and page geometry shared by every section of the report. */
export const COLORS = {
  ink: '#111827',
  text: '#374151',
  muted: '#6B7280',
  faint: '#9CA3AF',
  hairline: '#E5E7EB',
  surface: '#F9FAFB',
  brand: '#4F46E5',
  brandSoft: '#E0E7FF',
  up: '#15803D',
  down: '#B91C1C',
  neutral: '#6B7280',
} as const;

/** A4 in points, with 15 mm side margins. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  margin: 42,
  /** the last y a section may reach; the footer sits below it */
  bottom: 841.89 - 56,
} as const;

/** Vertical space between two sections. */
export const SECTION_GAP = 22;

/** Green for more, red for less; grey when there is no direction. */
export function trendColor(trend: Trend): string {
  return trend === 'up' || trend === 'new' ? COLORS.up : trend === 'down' ? COLORS.down : COLORS.neutral;
}
