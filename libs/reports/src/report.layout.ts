import { COLORS, PAGE, SECTION_GAP } from './report.theme.js';
import { drawText } from './report.text.js';

/** A section of the report: its height is known before it is drawn, so pages break between sections. */
export interface Block {
  height: number;
  draw(doc: PDFKit.PDFDocument, x: number, y: number, width: number): void;
}

/** Draws the blocks one under another, starting a new page when the next one does not fit. */
export function flow(doc: PDFKit.PDFDocument, blocks: Block[]): void {
  let y = PAGE.margin;
  for (const [i, block] of blocks.entries()) {
    if (i > 0 && y + block.height > PAGE.bottom) {
      doc.addPage();
      y = PAGE.margin;
    }
    block.draw(doc, PAGE.margin, y, PAGE.width - 2 * PAGE.margin);
    y += block.height + SECTION_GAP;
  }
}

/** Two blocks side by side, each half the width. */
export function columns(left: Block, right: Block, gap = 24): Block {
  return {
    height: Math.max(left.height, right.height),
    draw(doc, x, y, width) {
      const half = (width - gap) / 2;
      left.draw(doc, x, y, half);
      right.draw(doc, x + half + gap, y, half);
    },
  };
}

export const SECTION_TITLE_HEIGHT = 26;

/** A section's title with an optional note on the right, over a hairline. */
export function drawSectionTitle(
  doc: PDFKit.PDFDocument,
  title: string,
  note: string,
  x: number,
  y: number,
  width: number,
): void {
  drawText(doc, title, x, y, { font: 'semibold', size: 11.5, color: COLORS.ink });
  if (note) drawText(doc, note, x, y + 3, { font: 'regular', size: 8, color: COLORS.muted }, { width, align: 'right' });
  doc
    .moveTo(x, y + 19)
    .lineTo(x + width, y + 19)
    .lineWidth(0.6)
    .strokeColor(COLORS.hairline)
    .stroke();
}

/** What a chart or list shows when there is nothing to show. */
export function drawEmptyState(
  doc: PDFKit.PDFDocument,
  message: string,
  x: number,
  y: number,
  width: number,
  height: number,
): void {
  doc.roundedRect(x, y, width, height, 6).fill(COLORS.surface);
  drawText(doc, message, x, y + height / 2 - 6, { font: 'medium', size: 10, color: COLORS.muted }, { width, align: 'center' });
}
