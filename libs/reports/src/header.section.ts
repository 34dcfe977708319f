import type { Block } from './report.layout.js';
import type { ReportData } from './report-data.js';
import { printable } from './report.fonts.js';
import { drawText } from './report.text.js';
import { COLORS } from './report.theme.js';
import { formatPeriod, type Period } from './period.format.js';

/** The top of the first page: who the report is about and which period it covers. */
export function headerBlock(data: ReportData, compared: Period): Block {
  return {
    height: 124,
    draw(doc, x, y, width) {
      drawBrand(doc, x, y);
      const kind = data.link ? 'LINK REPORT' : 'ANALYTICS REPORT';
      const label = { font: 'semibold', size: 7.5, color: COLORS.brand, tracking: 0.6 } as const;
      drawText(doc, kind, x, y + 3, label, { width, align: 'right' });

      const { title, subtitle, url } = headline(data);
      drawText(doc, title, x, y + 30, { font: 'bold', size: 24, color: COLORS.ink }, { width });
      drawText(doc, subtitle, x, y + 62, { font: 'regular', size: 9.5, color: COLORS.muted }, { width, link: url });
      drawPeriod(doc, data.range, compared, x, y + 86, width);
    },
  };
}

function headline(data: ReportData): { title: string; subtitle: string; url: string } {
  const { username } = data.creator;
  const displayName = printable(data.creator.displayName ?? '');
  const creator = displayName ? `${displayName} (@${username})` : `@${username}`;
  if (data.link) {
    return {
      title: printable(data.link.title ?? '') || data.link.slug,
      subtitle: `${withoutScheme(data.link.shortUrl)} · by ${creator}`,
      url: data.link.shortUrl,
    };
  }
  const profileUrl = `${data.publicUrl.replace(/\/+$/, '')}/@${username}`;
  return {
    title: displayName || `@${username}`,
    subtitle: displayName ? `@${username} · ${withoutScheme(profileUrl)}` : withoutScheme(profileUrl),
    url: profileUrl,
  };
}

function withoutScheme(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

function drawPeriod(doc: PDFKit.PDFDocument, period: Period, compared: Period, x: number, y: number, width: number): void {
  doc.roundedRect(x, y, width, 38, 6).fill(COLORS.surface);
  const caption = { font: 'semibold', size: 6.5, color: COLORS.muted, tracking: 0.4 } as const;
  drawText(doc, 'REPORTING PERIOD', x + 12, y + 7, caption);
  drawText(doc, `${formatPeriod(period)} · ${period.tz}`, x + 12, y + 18, {
    font: 'semibold',
    size: 11,
    color: COLORS.ink,
  });
  const right = { width: width - 24, align: 'right' } as const;
  drawText(doc, 'COMPARED WITH', x + 12, y + 7, caption, right);
  drawText(doc, formatPeriod(compared), x + 12, y + 19, { font: 'medium', size: 9.5, color: COLORS.text }, right);
}

/** The Linkpulse mark: a pulse line in a rounded square, then the name. */
function drawBrand(doc: PDFKit.PDFDocument, x: number, y: number): void {
  doc.roundedRect(x, y, 15, 15, 3.5).fill(COLORS.brand);
  doc
    .moveTo(x + 2.5, y + 8)
    .lineTo(x + 5.5, y + 8)
    .lineTo(x + 7, y + 4)
    .lineTo(x + 9, y + 11.5)
    .lineTo(x + 10.5, y + 8)
    .lineTo(x + 12.5, y + 8)
    .lineWidth(1.3)
    .lineJoin('round')
    .lineCap('round')
    .strokeColor('#FFFFFF')
    .stroke();
  drawText(doc, 'Linkpulse', x + 20, y + 2, { font: 'semibold', size: 10.5, color: COLORS.ink });
}
