import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { barListBlock } from './bar-list.section.js';
import { conversionsBlocks } from './conversions.section.js';
import { countryLabel, deviceLabel, linkLabel, sourceLabel } from './dimension.labels.js';
import { headerBlock } from './header.section.js';
import { headlineBlock } from './headline.section.js';
import { heatmapBlock } from './heatmap.chart.js';
import { drawPageFooters } from './page-footer.js';
import { formatDateTime, formatPeriod, previousPeriod } from './period.format.js';
import type { ReportData } from './report-data.js';
import { registerFonts } from './report.fonts.js';
import { type Block, columns, flow } from './report.layout.js';
import { PAGE } from './report.theme.js';
import { timeseriesBlock } from './timeseries.chart.js';

const DB_IP = { text: 'IP Geolocation by DB-IP', link: 'https://db-ip.com' };

/** Renders the report to a PDF in memory. The same data always gives the same bytes. */
export async function renderReport(data: ReportData): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of renderReportStream(data)) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

/** Renders the report as a stream of PDF bytes (for writing to a file or an HTTP response). */
export function renderReportStream(data: ReportData): Readable {
  const creator = data.creator.displayName || `@${data.creator.username}`;
  const period = formatPeriod(data.range);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `${data.link ? 'Link report' : 'Analytics report'} · ${data.link?.title || creator} · ${period}`,
      Author: creator,
      Subject: `Clicks, profile views, conversions and audience, ${period} (${data.range.tz})`,
      Creator: 'Linkpulse',
      Producer: 'Linkpulse',
      CreationDate: data.generatedAt,
      ModDate: data.generatedAt,
    },
  });
  registerFonts(doc);
  doc.font('regular');
  flow(doc, blocks(data));
  drawPageFooters(doc, footerLine(data));
  doc.end();
  return doc;
}

function blocks(data: ReportData): Block[] {
  const { tz } = data.range;
  // the API's own previous range when it sent one: that is the period its numbers compare with
  const compared = data.overview.previousRange ?? previousPeriod(data.range);
  return [
    headerBlock(data, compared),
    headlineBlock(data.overview),
    timeseriesBlock(data.timeseries, data.range, compared, data.generatedAt),
    // only for creators whose site reports leads and sales
    ...conversionsBlocks(
      data.overview,
      data.funnel,
      data.link ? data.sources : data.topLinks,
      data.link ? sourceLabel : linkLabel,
    ),
    // a one-link report's top-links list would be that link alone
    ...(data.link ? [] : [barListBlock({ title: 'Top links', breakdown: data.topLinks, label: linkLabel, maxRows: 10 })]),
    columns(
      barListBlock({ title: 'Sources', breakdown: data.sources, label: sourceLabel, maxRows: 8 }),
      barListBlock({ title: 'Devices', breakdown: data.devices, label: deviceLabel, maxRows: 8 }),
    ),
    barListBlock({ title: 'Countries', breakdown: data.countries, label: countryLabel, maxRows: 10, footnote: DB_IP }),
    heatmapBlock(data.timePatterns, tz),
  ];
}

function footerLine(data: ReportData): string {
  const subject = data.link
    ? `${data.link.shortUrl.replace(/^https?:\/\//, '')} by @${data.creator.username}`
    : `@${data.creator.username}`;
  return `Linkpulse report for ${subject} · Generated ${formatDateTime(data.generatedAt, data.range.tz)}`;
}
