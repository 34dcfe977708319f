import { partialBucketIndex, type TimeseriesResponse } from '@app/common';
import { type Block, drawEmptyState, drawSectionTitle, SECTION_TITLE_HEIGHT } from './report.layout.js';
import { niceScale } from './nice-scale.js';
import { formatCount } from './number.format.js';
import { formatPeriod, type Period } from './period.format.js';
import { drawText, textWidth } from './report.text.js';
import { COLORS } from './report.theme.js';
import { timeAxisLabels } from './time-axis.js';

const PLOT_HEIGHT = 150;
const AXIS_WIDTH = 40;
const LEGEND_HEIGHT = 20;
const PREVIOUS_COLOR = '#A5ABB6';
const EMPTY_HEIGHT = 90;

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

const PARTIAL_COLOR = '#A5A6F0';

/**
 * Clicks per bucket: the period as a solid line over a filled area, the previous period dashed.
 * A last bucket still being counted when the report was made (today, this month) is drawn as the
 * dashboard draws it: a muted dashed segment, outside the filled area, so it never reads as a drop.
 */
export function timeseriesBlock(series: TimeseriesResponse, period: Period, compared: Period, madeAt: Date): Block {
  const current = series.points.map((p) => p.clicks);
  const partial = partialBucketIndex(
    series.points.map((p) => Date.parse(p.t)),
    series.interval,
    Date.parse(period.to),
    madeAt.getTime(),
  );
  const whole = partial === null || partial === 0 ? current : current.slice(0, partial);
  const previous = series.previous?.slice(0, current.length).map((p) => p.clicks);
  const empty = current.every((c) => c === 0);
  return {
    height: SECTION_TITLE_HEIGHT + (empty ? EMPTY_HEIGHT : LEGEND_HEIGHT + PLOT_HEIGHT + 16),
    draw(doc, x, y, width) {
      drawSectionTitle(doc, 'Clicks over time', `per ${series.interval} · times in ${period.tz}`, x, y, width);
      const top = y + SECTION_TITLE_HEIGHT;
      if (empty) {
        drawEmptyState(doc, 'No clicks in this period', x, top, width, EMPTY_HEIGHT);
        return;
      }
      drawLegend(doc, previous ? [period, compared] : [period], x, top, width);
      const plot = { left: x + AXIS_WIDTH, top: top + LEGEND_HEIGHT + 4, width: width - AXIS_WIDTH, height: PLOT_HEIGHT - 4 };
      const scale = niceScale(Math.max(...current, ...(previous ?? [])));
      drawGrid(doc, plot, scale.ticks, scale.max);
      if (previous) drawLine(doc, plot, previous, scale.max, current.length, { color: PREVIOUS_COLOR, dashed: true });
      drawArea(doc, plot, whole, scale.max, current.length);
      drawLine(doc, plot, whole, scale.max, current.length, { color: COLORS.brand, dashed: false });
      if (partial !== null && partial > 0) drawPartial(doc, plot, current, partial, scale.max);
      drawDateLabels(doc, plot, series, period.tz);
    },
  };
}

function xAt(plot: Plot, index: number, count: number): number {
  return count === 1 ? plot.left + plot.width / 2 : plot.left + (index * plot.width) / (count - 1);
}

function yAt(plot: Plot, value: number, max: number): number {
  return plot.top + plot.height - (value / max) * plot.height;
}

/** The current period as a solid brand line, the previous one (when shown) dashed grey. */
function drawLegend(doc: PDFKit.PDFDocument, periods: Period[], x: number, y: number, width: number): void {
  const style = { font: 'regular', size: 8, color: COLORS.text } as const;
  let cursor = x + AXIS_WIDTH;
  periods.forEach((period, i) => {
    doc.save();
    if (i > 0) doc.dash(3, { space: 2 });
    doc
      .moveTo(cursor, y + 5)
      .lineTo(cursor + 18, y + 5)
      .lineWidth(1.8)
      .strokeColor(i > 0 ? PREVIOUS_COLOR : COLORS.brand)
      .stroke();
    doc.restore();
    cursor += 24 + drawText(doc, formatPeriod(period), cursor + 24, y + 0.5, style, { width: width / 2 }) + 20;
  });
}

function drawGrid(doc: PDFKit.PDFDocument, plot: Plot, ticks: number[], max: number): void {
  const style = { font: 'regular', size: 7, color: COLORS.muted } as const;
  for (const tick of ticks) {
    const y = yAt(plot, tick, max);
    doc
      .moveTo(plot.left, y)
      .lineTo(plot.left + plot.width, y)
      .lineWidth(tick === 0 ? 0.8 : 0.5)
      .strokeColor(tick === 0 ? COLORS.faint : COLORS.hairline)
      .stroke();
    drawText(doc, formatCount(tick), plot.left - AXIS_WIDTH, y - 4, style, { width: AXIS_WIDTH - 6, align: 'right' });
  }
}

function tracePath(doc: PDFKit.PDFDocument, plot: Plot, values: number[], max: number, count: number): void {
  values.forEach((v, i) => {
    const px = xAt(plot, i, count);
    const py = yAt(plot, v, max);
    if (i === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  });
}

function drawLine(
  doc: PDFKit.PDFDocument,
  plot: Plot,
  values: number[],
  max: number,
  count: number,
  line: { color: string; dashed: boolean },
): void {
  if (values.length === 1) {
    doc.circle(xAt(plot, 0, count), yAt(plot, values[0], max), 2.2).fill(line.color);
    return;
  }
  doc.save();
  if (line.dashed) doc.dash(3, { space: 2 });
  tracePath(doc, plot, values, max, count);
  doc
    .lineWidth(line.dashed ? 1.1 : 1.6)
    .lineJoin('round')
    .lineCap('round')
    .strokeColor(line.color)
    .stroke();
  doc.restore();
}

/** The segment into the bucket still being counted: dashed, muted, with an open dot at its end. */
function drawPartial(doc: PDFKit.PDFDocument, plot: Plot, values: number[], index: number, max: number): void {
  const count = values.length;
  const [x0, y0] = [xAt(plot, index - 1, count), yAt(plot, values[index - 1], max)];
  const [x1, y1] = [xAt(plot, index, count), yAt(plot, values[index], max)];
  doc.save();
  doc.dash(2.5, { space: 2.5 }).moveTo(x0, y0).lineTo(x1, y1).lineWidth(1.4).lineCap('round').strokeColor(PARTIAL_COLOR).stroke();
  doc.undash().circle(x1, y1, 2).lineWidth(1).fillAndStroke('#FFFFFF', PARTIAL_COLOR);
  doc.restore();
}

function drawArea(doc: PDFKit.PDFDocument, plot: Plot, values: number[], max: number, count: number): void {
  if (values.length < 2) return;
  const baseline = plot.top + plot.height;
  doc.save();
  tracePath(doc, plot, values, max, count);
  doc
    .lineTo(xAt(plot, values.length - 1, count), baseline)
    .lineTo(plot.left, baseline)
    .closePath()
    .fillOpacity(0.12)
    .fill(COLORS.brand);
  doc.restore();
}

function drawDateLabels(doc: PDFKit.PDFDocument, plot: Plot, series: TimeseriesResponse, tz: string): void {
  const style = { font: 'regular', size: 7, color: COLORS.muted } as const;
  const count = series.points.length;
  const y = plot.top + plot.height;
  for (const label of timeAxisLabels(
    series.points.map((p) => p.t),
    series.interval,
    tz,
  )) {
    const px = xAt(plot, label.index, count);
    doc
      .moveTo(px, y)
      .lineTo(px, y + 3)
      .lineWidth(0.6)
      .strokeColor(COLORS.faint)
      .stroke();
    const labelWidth = textWidth(doc, label.text, style);
    // centred under its tick, but kept inside the plot's width at both ends
    const left = Math.min(Math.max(px - labelWidth / 2, plot.left), plot.left + plot.width - labelWidth);
    drawText(doc, label.text, left, y + 5, style);
  }
}
