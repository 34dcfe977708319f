import { drawText } from './report.text.js';
import { COLORS, PAGE } from './report.theme.js';

/** Writes "Page n of m" and the given line at the foot of every page; needs `bufferPages`. */
export function drawPageFooters(doc: PDFKit.PDFDocument, line: string): void {
  const { start, count } = doc.bufferedPageRange();
  const style = { font: 'regular', size: 7, color: COLORS.faint } as const;
  const y = PAGE.height - 34;
  const width = PAGE.width - 2 * PAGE.margin;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    doc
      .moveTo(PAGE.margin, y - 8)
      .lineTo(PAGE.margin + width, y - 8)
      .lineWidth(0.5)
      .strokeColor(COLORS.hairline)
      .stroke();
    drawText(doc, line, PAGE.margin, y, style, { width: width - 70 });
    drawText(doc, `Page ${i - start + 1} of ${count}`, PAGE.margin, y, style, { width, align: 'right' });
  }
}
