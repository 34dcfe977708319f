/** How numbers read on screen. Counts are shown exactly (with grouping) — trust over brevity. */
import { moneyText, pointsChange } from '../../../../libs/common/src/display.labels.ts';

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
const percent1 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
const percent0 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** 1.2K above ten thousand, exact below — for axes and tight spots only. */
export function formatCompact(n: number): string {
  return Math.abs(n) >= 10_000 ? compact.format(n) : integer.format(n);
}

/** a ratio (0.1234) as "12.3%" */
export function formatRatio(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return percent1.format(r);
}

export type ChangeDirection = 'up' | 'down' | 'flat' | 'new' | 'none';

export interface FormattedChange {
  direction: ChangeDirection;
  text: string;
  /** a sentence for screen readers and tooltips */
  description: string;
}

/**
 * The change against the previous period. `change` is (value − previous) / previous and null when
 * the previous value was 0 (then a non-zero value is "new").
 */
export function formatChange(
  value: number | null | undefined,
  previous: number | null | undefined,
  change: number | null | undefined,
  format: (n: number) => string = formatCount,
): FormattedChange {
  if (previous === undefined || previous === null) {
    return { direction: 'none', text: '', description: 'No comparison' };
  }
  const prevText = format(previous);
  if (!value && !previous) return { direction: 'none', text: '', description: `Previous period: ${prevText}` };
  if (change === null || change === undefined) {
    if (value && previous === 0) return { direction: 'new', text: 'New', description: `Previous period: ${prevText}` };
    return { direction: 'flat', text: '0%', description: `Previous period: ${prevText}` };
  }
  const dir: ChangeDirection = change > 0.0005 ? 'up' : change < -0.0005 ? 'down' : 'flat';
  const abs = Math.abs(change);
  const pct = abs >= 10 ? `${integer.format(Math.round(abs * 100))}%` : abs >= 1 ? percent0.format(abs) : percent1.format(abs);
  const sign = dir === 'up' ? '+' : dir === 'down' ? '−' : '';
  return {
    direction: dir,
    text: `${sign}${dir === 'flat' ? '0%' : pct}`,
    description: `${dir === 'up' ? 'Up' : dir === 'down' ? 'Down' : 'No change'}${dir === 'flat' ? '' : ` ${pct}`} from ${prevText} in the previous period`,
  };
}

/** change of a ratio (CTR) in percentage points, which reads better than a relative change */
export function formatPointsChange(value: number | null | undefined, previous: number | null | undefined): FormattedChange {
  if (previous === undefined) return { direction: 'none', text: '', description: 'No comparison' };
  const change = pointsChange(value, previous, locale);
  if (!change) return { direction: 'none', text: '', description: `Previous period: ${formatRatio(previous)}` };
  const said =
    change.direction === 'flat' ? 'No change' : `${change.direction === 'up' ? 'Up' : 'Down'} ${change.amount} percentage points`;
  return {
    direction: change.direction,
    text: change.text,
    description: `${said} from ${formatRatio(previous)} in the previous period`,
  };
}

/** Minor units of a currency (4900 EUR) as "€49.00"; per click with two more digits. */
export function formatMoney(amount: number, currency: string, perClick = false): string {
  return moneyText(amount, currency, locale, { perClick });
}
