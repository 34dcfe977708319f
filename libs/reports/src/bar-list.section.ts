import type { BreakdownResponse, BreakdownRow } from '@app/common';
import { type Block, drawEmptyState, drawSectionTitle, SECTION_TITLE_HEIGHT } from './report.layout.js';
import { describeChange, formatCount, formatPercent } from './number.format.js';
import { drawText } from './report.text.js';
import { COLORS, trendColor } from './report.theme.js';

export interface BarListOptions {
  title: string;
  breakdown: BreakdownResponse;
  label: (row: BreakdownRow) => string;
  /** rows beyond this are added to "Other" */
  maxRows: number;
  /** a line under the list, e.g. a data source's required attribution */
  footnote?: { text: string; link: string };
}

interface ListRow {
  label: string;
  clicks: number;
  previousClicks?: number;
  other: boolean;
}

const ROW_HEIGHT = 17;
const HEADER_HEIGHT = 14;
const EMPTY_HEIGHT = 36;
const FOOTNOTE_HEIGHT = 16;
const NUMBER_COLUMNS = { clicks: 46, share: 40, change: 52 };

/** A ranked list of a breakdown's values by clicks, with share of all clicks and change. */
export function barListBlock(options: BarListOptions): Block {
  const total = options.breakdown.total.clicks;
  const rows = listRows(options);
  const body = total > 0 ? HEADER_HEIGHT + rows.length * ROW_HEIGHT : EMPTY_HEIGHT;
  return {
    height: SECTION_TITLE_HEIGHT + body + (options.footnote ? FOOTNOTE_HEIGHT : 0),
    draw(doc, x, y, width) {
      const note = total > 0 ? `${formatCount(total)} clicks` : '';
      drawSectionTitle(doc, options.title, note, x, y, width);
      let cursor = y + SECTION_TITLE_HEIGHT;
      if (total > 0) {
        drawColumnHeads(doc, x, cursor, width);
        const max = Math.max(...rows.map((r) => r.clicks));
        rows.forEach((row, i) => drawRow(doc, row, total, max, x, cursor + HEADER_HEIGHT + i * ROW_HEIGHT, width));
      } else {
        drawEmptyState(doc, 'No clicks in this period', x, cursor, width, EMPTY_HEIGHT - 8);
      }
      cursor += body;
      if (options.footnote) {
        const { text, link } = options.footnote;
        drawText(doc, text, x, cursor + 3, { font: 'regular', size: 7, color: COLORS.brand }, { link });
      }
    },
  };
}

function listRows({ breakdown, label, maxRows }: BarListOptions): ListRow[] {
  const ranked = breakdown.rows.filter((r) => r.clicks > 0).sort((a, b) => b.clicks - a.clicks);
  const shown: ListRow[] = ranked
    .slice(0, maxRows)
    .map((r) => ({ label: label(r), clicks: r.clicks, previousClicks: r.previousClicks, other: false }));
  const rest = ranked.slice(maxRows);
  const otherClicks = breakdown.other.clicks + rest.reduce((sum, r) => sum + r.clicks, 0);
  if (otherClicks > 0) {
    const values = breakdown.other.values + rest.length;
    shown.push({ label: `Other (${formatCount(values)} more)`, clicks: otherClicks, other: true });
  }
  return shown;
}

function columnEdges(x: number, width: number) {
  const change = x + width;
  const share = change - NUMBER_COLUMNS.change;
  const clicks = share - NUMBER_COLUMNS.share;
  return { label: clicks - NUMBER_COLUMNS.clicks - 8 - x, clicks, share, change };
}

function drawColumnHeads(doc: PDFKit.PDFDocument, x: number, y: number, width: number): void {
  const style = { font: 'medium', size: 6.5, color: COLORS.faint, tracking: 0.3 } as const;
  const edges = columnEdges(x, width);
  drawText(doc, 'CLICKS', edges.clicks - NUMBER_COLUMNS.clicks, y, style, { width: NUMBER_COLUMNS.clicks, align: 'right' });
  drawText(doc, 'SHARE', edges.share - NUMBER_COLUMNS.share, y, style, { width: NUMBER_COLUMNS.share, align: 'right' });
  drawText(doc, 'VS PREV.', edges.change - NUMBER_COLUMNS.change, y, style, { width: NUMBER_COLUMNS.change, align: 'right' });
}

function drawRow(doc: PDFKit.PDFDocument, row: ListRow, total: number, max: number, x: number, y: number, width: number): void {
  const edges = columnEdges(x, width);
  const barWidth = Math.max(2, (row.clicks / max) * edges.label);
  doc.roundedRect(x, y, barWidth, ROW_HEIGHT - 3, 3).fill(row.other ? COLORS.surface : COLORS.brandSoft);
  const text = { font: 'regular', size: 8.5, color: row.other ? COLORS.muted : COLORS.ink } as const;
  const textY = y + 2;
  drawText(doc, row.label, x + 6, textY, text, { width: edges.label - 10 });
  drawText(
    doc,
    formatCount(row.clicks),
    edges.clicks - NUMBER_COLUMNS.clicks,
    textY,
    { ...text, font: 'medium' },
    {
      width: NUMBER_COLUMNS.clicks,
      align: 'right',
    },
  );
  drawText(
    doc,
    formatPercent(row.clicks / total),
    edges.share - NUMBER_COLUMNS.share,
    textY,
    { ...text, color: COLORS.muted },
    {
      width: NUMBER_COLUMNS.share,
      align: 'right',
    },
  );
  const change = describeChange(row.clicks, row.previousClicks);
  if (change) {
    drawText(
      doc,
      change.text,
      edges.change - NUMBER_COLUMNS.change,
      textY + 0.5,
      { font: 'semibold', size: 7.5, color: trendColor(change.trend) },
      {
        width: NUMBER_COLUMNS.change,
        align: 'right',
      },
    );
  }
}
