import { type FontFace, printable } from './report.fonts.js';

export interface TextStyle {
  font: FontFace;
  size: number;
  color: string;
  /** extra space between letters, for small capitals */
  tracking?: number;
}

export interface TextBox {
  /** the text is cut with "…" to fit; needed for right and center alignment */
  width?: number;
  align?: 'left' | 'right' | 'center';
  link?: string;
}

/**
 * Draws one line of text with its top at `y` and returns its width. Alignment is computed here
 * rather than by pdfkit's line wrapper, which would also break lines and add pages.
 */
export function drawText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  box: TextBox = {},
): number {
  applyStyle(doc, style);
  const line = box.width === undefined ? printable(text) : fit(doc, printable(text), box.width, style);
  const width = measure(doc, line, style);
  const room = (box.width ?? width) - width;
  const left = x + (box.align === 'right' ? room : box.align === 'center' ? room / 2 : 0);
  doc.fillColor(style.color).text(line, left, y, { lineBreak: false, characterSpacing: style.tracking ?? 0 });
  if (box.link) doc.link(left, y, width, style.size * 1.2, box.link);
  return width;
}

export function textWidth(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  applyStyle(doc, style);
  return measure(doc, printable(text), style);
}

function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size);
}

function measure(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  return doc.widthOfString(text, { characterSpacing: style.tracking ?? 0 });
}

function fit(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): string {
  if (measure(doc, text, style) <= width) return text;
  let chars = Array.from(text);
  while (chars.length > 0 && measure(doc, chars.join('').trimEnd() + '…', style) > width) chars = chars.slice(0, -1);
  return chars.join('').trimEnd() + '…';
}
