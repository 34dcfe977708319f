import { pointsChange } from '@app/common';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** 1234567 → "1,234,567" */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A ratio as a percentage: 0.1234 → "12.3%", 3.456 → "346%", 0.0002 → "<0.1%". */
export function formatPercent(ratio: number): string {
  const pct = Math.abs(ratio) * 100;
  if (pct > 0 && pct < 0.05) return '<0.1%';
  return (pct >= 100 ? COUNT.format(pct) : ONE_DECIMAL.format(pct)) + '%';
}

export type Trend = 'up' | 'down' | 'flat' | 'new';

export interface ChangeLabel {
  trend: Trend;
  text: string;
}

/**
 * The change of a metric against the previous period, as the report prints it:
 * "▲ 12.5%", "▼ 3.0%", "new" (nothing before), "no change".
 * Null when there is nothing to compare (no previous value asked, or no current value).
 */
export function describeChange(current: number | null, previous: number | null | undefined): ChangeLabel | null {
  if (previous === undefined || current === null) return null;
  if (!previous) return current > 0 ? { trend: 'new', text: 'new' } : flat();
  const change = (current - previous) / previous;
  if (change === 0) return flat();
  return change > 0 ? { trend: 'up', text: `▲ ${formatPercent(change)}` } : { trend: 'down', text: `▼ ${formatPercent(change)}` };
}

/** A rate's change as the dashboard tells it: in percentage points ("▲ 1.2 pts"), never as a relative change. */
export function describePointsChange(current: number | null, previous: number | null | undefined): ChangeLabel | null {
  const change = pointsChange(current, previous, 'en-US');
  if (!change) return null;
  if (change.direction === 'flat') return flat();
  return { trend: change.direction, text: `${change.direction === 'up' ? '▲' : '▼'} ${change.text.slice(1)}` };
}

function flat(): ChangeLabel {
  return { trend: 'flat', text: 'no change' };
}
