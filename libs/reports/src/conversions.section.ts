import type { BreakdownResponse, BreakdownRow, FunnelResponse, FunnelStep, MoneyAmount, OverviewResponse } from '@app/common';
import { moneyText } from '@app/common';
import { cardsBlock, type Headline } from './headline.section.js';
import { type Block, drawEmptyState, drawSectionTitle, SECTION_TITLE_HEIGHT } from './report.layout.js';
import { describeChange, describePointsChange, formatCount, formatPercent } from './number.format.js';
import { drawText } from './report.text.js';
import { COLORS } from './report.theme.js';

const LOCALE = 'en-US';
const NOTE =
  'Leads and sales your site reported, counted when they happened; each is credited to the click it came from ' +
  '(those without a known click are in these totals only). Conversion rate = leads ÷ clicks. Revenue per currency, never converted.';
const STEP_NAMES: Record<FunnelStep, string> = { view: 'Profile views', click: 'Clicks', lead: 'Leads', sale: 'Sales' };
const FUNNEL_ROW = 30;
const TABLE_ROW = 17;
const TABLE_HEAD = 14;
const TABLE_ROWS = 6;

const money = (amounts: MoneyAmount[]): string =>
  amounts.length ? amounts.map((m) => moneyText(m.amount, m.currency, LOCALE)).join(' + ') : '—';

/** Whether the report has conversions to show: in the period or the one before. */
export function hasConversions(overview: OverviewResponse): boolean {
  const { leads, sales } = overview;
  return leads.value + sales.value + (leads.previous ?? 0) + (sales.previous ?? 0) > 0;
}

/**
 * The conversions section, for creators whose site reports them: leads, sales, revenue and the
 * conversion rate with their change, the funnel, and what converted by link or source.
 */
export function conversionsBlocks(
  overview: OverviewResponse,
  funnel: FunnelResponse,
  breakdown: BreakdownResponse,
  label: (row: BreakdownRow) => string,
): Block[] {
  if (!hasConversions(overview)) return [];
  return [cardsBlock(conversionHeadlines(overview), NOTE, 'Conversions'), funnelBlock(funnel), tableBlock(breakdown, label)];
}

function conversionHeadlines(o: OverviewResponse): Headline[] {
  const count = (label: string, m: OverviewResponse['leads']): Headline => ({
    label,
    value: formatCount(m.value),
    previous: m.previous === undefined ? null : formatCount(m.previous),
    change: describeChange(m.value, m.previous),
    judged: true,
  });
  // the creator's currency first (the API's order); others are named in the note of the card
  const [main, ...others] = o.revenue.filter((m) => m.value > 0 || (m.previous ?? 0) > 0);
  const revenue: Headline = main
    ? {
        label: others.length ? `Revenue (${main.currency}; also ${others.map((m) => m.currency).join(', ')})` : 'Revenue',
        value: moneyText(main.value, main.currency, LOCALE),
        previous: main.previous === undefined ? null : moneyText(main.previous, main.currency, LOCALE),
        change: describeChange(main.value, main.previous),
        judged: true,
      }
    : { label: 'Revenue', value: '—', previous: null, change: null, judged: true };
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? '—' : formatPercent(r));
  return [
    count('Leads', o.leads),
    count('Sales', o.sales),
    revenue,
    {
      label: 'Conversion rate',
      value: rate(o.conversionRate.value),
      previous: o.conversionRate.previous === undefined ? null : rate(o.conversionRate.previous),
      change: describePointsChange(o.conversionRate.value, o.conversionRate.previous),
      judged: true,
    },
  ];
}

/** The funnel's steps as bars (the largest full width), each with its rate from the step before. */
function funnelBlock(funnel: FunnelResponse): Block {
  // a report without profile views starts at the clicks
  const steps = funnel.steps[0]?.step === 'view' && funnel.steps[0].count === 0 ? funnel.steps.slice(1) : funnel.steps;
  const max = Math.max(0, ...steps.map((s) => s.count));
  return {
    height: SECTION_TITLE_HEIGHT + steps.length * FUNNEL_ROW,
    draw(doc, x, y, width) {
      drawSectionTitle(doc, 'Funnel', '', x, y, width);
      steps.forEach((s, i) => {
        const top = y + SECTION_TITLE_HEIGHT + i * FUNNEL_ROW;
        drawText(doc, STEP_NAMES[s.step], x, top, { font: 'medium', size: 8.5, color: COLORS.text });
        const rate =
          i > 0 && s.rateFromPrevious !== null
            ? `${formatPercent(s.rateFromPrevious)} of ${STEP_NAMES[steps[i - 1].step].toLowerCase()} · `
            : '';
        drawText(
          doc,
          `${rate}${formatCount(s.count)}`,
          x,
          top,
          { font: 'semibold', size: 8.5, color: COLORS.ink },
          { width, align: 'right' },
        );
        doc.roundedRect(x, top + 13, width, 8, 4).fill(COLORS.surface);
        if (max > 0 && s.count > 0)
          doc
            .roundedRect(x, top + 13, Math.max((s.count / max) * width, 4), 8, 4)
            .fill(s.step === 'sale' ? COLORS.up : COLORS.brand);
      });
    },
  };
}

/** The values that converted most (by sales, then leads): clicks, leads, sales, revenue, conversion rate. */
function tableBlock(breakdown: BreakdownResponse, label: (row: BreakdownRow) => string): Block {
  const rows = breakdown.rows
    .filter((r) => r.leads + r.sales > 0)
    .sort((a, b) => b.sales - a.sales || b.leads - a.leads || b.clicks - a.clicks)
    .slice(0, TABLE_ROWS);
  const title = breakdown.by === 'link' ? 'Conversions by link' : 'Conversions by source';
  const body = rows.length ? TABLE_HEAD + rows.length * TABLE_ROW : 36;
  return {
    height: SECTION_TITLE_HEIGHT + body,
    draw(doc, x, y, width) {
      drawSectionTitle(doc, title, '', x, y, width);
      const top = y + SECTION_TITLE_HEIGHT;
      if (!rows.length) return drawEmptyState(doc, 'No attributed conversions', x, top, width, 28);
      // label, then clicks, leads, sales, revenue, rate from the right
      const cols = [52, 52, 52, 90, 60];
      const labelWidth = width - cols.reduce((a, b) => a + b, 0);
      const cells = (values: string[], rowY: number, style: Parameters<typeof drawText>[4]) => {
        drawText(doc, values[0], x, rowY, style, { width: labelWidth - 6 });
        let right = x + labelWidth;
        values.slice(1).forEach((value, i) => {
          drawText(doc, value, right, rowY, style, { width: cols[i], align: 'right' });
          right += cols[i];
        });
      };
      cells(['', 'Clicks', 'Leads', 'Sales', 'Revenue', 'Conv.'], top, { font: 'medium', size: 7, color: COLORS.muted });
      rows.forEach((r, i) =>
        cells(
          [
            label(r),
            formatCount(r.clicks),
            formatCount(r.leads),
            formatCount(r.sales),
            money(r.revenue),
            r.conversionRate === null ? '—' : formatPercent(r.conversionRate),
          ],
          top + TABLE_HEAD + i * TABLE_ROW,
          { font: 'regular', size: 8, color: COLORS.text },
        ),
      );
    },
  };
}
