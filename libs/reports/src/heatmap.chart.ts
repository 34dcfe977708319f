import type { TimePatternsResponse } from '@app/common';
import { type Block, drawEmptyState, drawSectionTitle, SECTION_TITLE_HEIGHT } from './report.layout.js';
import { formatCount } from './number.format.js';
import { pad, WEEKDAYS } from './period.format.js';
import { drawText, textWidth } from './report.text.js';
import { COLORS } from './report.theme.js';

const LABEL_WIDTH = 30;
const TOTAL_WIDTH = 46;
const HOURS_HEIGHT = 12;
const CELL_HEIGHT = 16;
const CELL_GAP = 1.5;
const LEGEND_HEIGHT = 22;
const GRID_HEIGHT = HOURS_HEIGHT + 7 * CELL_HEIGHT;
const EMPTY_HEIGHT = 40;
const EMPTY_CELL = '#F3F4F6';
const SCALE_FROM = [224, 231, 255]; // indigo 100
const SCALE_TO = [55, 48, 163]; // indigo 800

/** Clicks and profile views by weekday (Monday first) and hour of day, in the report's zone. */
export function heatmapBlock(patterns: TimePatternsResponse, tz: string): Block {
  const matrix = patterns.matrix;
  const max = Math.max(0, ...matrix.flat());
  return {
    height: SECTION_TITLE_HEIGHT + (max === 0 ? EMPTY_HEIGHT : GRID_HEIGHT + LEGEND_HEIGHT),
    draw(doc, x, y, width) {
      drawSectionTitle(doc, 'When your audience is active', `clicks and profile views · hours in ${tz}`, x, y, width);
      const top = y + SECTION_TITLE_HEIGHT;
      if (max === 0) {
        drawEmptyState(doc, 'No clicks or profile views in this period', x, top, width, EMPTY_HEIGHT);
        return;
      }
      drawGrid(doc, matrix, max, x, top, width);
      drawLegend(doc, matrix, max, x, top + GRID_HEIGHT + 10, width);
    },
  };
}

export function heatColor(value: number, max: number): string {
  if (value <= 0) return EMPTY_CELL;
  const t = value / max;
  const channel = (i: number) => Math.round(SCALE_FROM[i] + (SCALE_TO[i] - SCALE_FROM[i]) * t);
  return '#' + [0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('');
}

function drawGrid(doc: PDFKit.PDFDocument, matrix: number[][], max: number, x: number, y: number, width: number): void {
  const cellWidth = (width - LABEL_WIDTH - TOTAL_WIDTH) / 24;
  const small = { font: 'regular', size: 6.5, color: COLORS.muted } as const;
  for (let hour = 0; hour < 24; hour++) {
    drawText(doc, String(hour), x + LABEL_WIDTH + hour * cellWidth, y, small, { width: cellWidth, align: 'center' });
  }
  drawText(doc, 'Total', x + width - TOTAL_WIDTH, y, small, { width: TOTAL_WIDTH, align: 'right' });
  matrix.forEach((row, day) => {
    const rowY = y + HOURS_HEIGHT + day * CELL_HEIGHT;
    drawText(doc, WEEKDAYS[day].slice(0, 3), x, rowY + 4, { ...small, size: 7.5, color: COLORS.text });
    row.forEach((value, hour) => {
      const cellX = x + LABEL_WIDTH + hour * cellWidth;
      doc.roundedRect(cellX, rowY, cellWidth - CELL_GAP, CELL_HEIGHT - CELL_GAP, 2).fill(heatColor(value, max));
    });
    const total = row.reduce((sum, v) => sum + v, 0);
    drawText(
      doc,
      formatCount(total),
      x + width - TOTAL_WIDTH,
      rowY + 4,
      { ...small, size: 7.5, color: COLORS.text },
      {
        width: TOTAL_WIDTH,
        align: 'right',
      },
    );
  });
}

/** The busiest hour on the left; on the right, an empty cell for 0 and the colour ramp from 1 to the maximum. */
function drawLegend(doc: PDFKit.PDFDocument, matrix: number[][], max: number, x: number, y: number, width: number): void {
  const small = { font: 'regular', size: 7, color: COLORS.muted } as const;
  drawText(doc, busiestHour(matrix), x + LABEL_WIDTH, y, { ...small, color: COLORS.text });
  const maxLabel = formatCount(max);
  const rampWidth = 90;
  const rampRight = x + width - textWidth(doc, maxLabel, small) - 5;
  const rampLeft = rampRight - rampWidth;
  doc.roundedRect(rampLeft - 40, y, 8, 8, 2).fill(EMPTY_CELL);
  drawText(doc, '0', rampLeft - 28, y, small);
  drawText(doc, '1', rampLeft - 9, y, small);
  const ramp = doc.linearGradient(rampLeft, 0, rampRight, 0);
  ramp.stop(0, heatColor(Number.MIN_VALUE, 1)).stop(1, heatColor(1, 1));
  doc.roundedRect(rampLeft, y, rampWidth, 8, 2).fill(ramp);
  drawText(doc, maxLabel, rampRight + 5, y, small);
}

/** "Busiest hour: Wednesday 18:00–19:00 (1,234)"; the earliest one when several tie. */
export function busiestHour(matrix: number[][]): string {
  let best = { day: 0, hour: 0, value: -1 };
  matrix.forEach((row, day) =>
    row.forEach((value, hour) => {
      if (value > best.value) best = { day, hour, value };
    }),
  );
  return `Busiest hour: ${WEEKDAYS[best.day]} ${pad(best.hour)}:00–${pad((best.hour + 1) % 24)}:00 (${formatCount(best.value)})`;
}
