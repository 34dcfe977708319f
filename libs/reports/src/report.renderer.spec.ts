import { beforeAll, describe, expect, it } from '@jest/globals';
import { emptyReport, linkReport, octoberReport } from './__fixtures__/report-data.fixture.js';
import { pdfPages } from './__fixtures__/pdf-text.js';
import { renderReport, renderReportStream } from './report.renderer.js';

describe('renderReport, a month of traffic', () => {
  let pdf: Buffer;
  let pages: string[];
  let text: string;
  beforeAll(async () => {
    pdf = await renderReport(octoberReport());
    pages = await pdfPages(pdf);
    text = pages.join('\n');
  });

  it('is an A4 PDF whose four Inter faces are embedded and whose charts are paths, not images', () => {
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(raw.match(/\/FontFile2/g)).toHaveLength(4);
    expect(raw).not.toContain('Helvetica');
    expect(raw).not.toContain('/Subtype /Image');
  });

  it('names the creator and the period in their time zone, and the period compared with', () => {
    expect(text).toContain('Maya Lindqvist');
    expect(text).toContain('@maya · lnk.example.com/@maya');
    expect(text).toContain('1 – 31 October 2026 · Europe/Berlin');
    // [from − (to − from), from) is 745 hours back: from 23:00 on 30 August, Berlin time
    expect(text).toContain('30 August – 30 September 2026');
  });

  it('shows each headline number with its change against the previous period', () => {
    expect(text).toContain('Clicks\n1,250\n▲ 25.0%\nPrevious: 1,000');
    expect(text).toContain('Profile views\n4,000\n▼ 20.0%\nPrevious: 5,000');
    expect(text).toContain('Unique visitors\n2,345\nnew\nPrevious: 0');
    expect(text).toContain('CTR\n15.0%\n▲ 5 pts\nPrevious: 10.0%');
    expect(text).toContain('Bot hits filtered\n321\n▲ 7.0%\nPrevious: 300');
  });

  it('labels the chart with round counts and the Mondays of October', () => {
    expect(text).toContain('Clicks over time');
    expect(text).toContain('0\n10\n20\n30\n40\n50');
    expect(text).toContain('5 Oct 12 Oct 19 Oct 26 Oct');
  });

  it('ranks the top links with share and change, and folds the rest into Other', () => {
    expect(text).toContain('Spring collection 500 40.0% ▲ 25.0%');
    expect(text).toContain('YouTube channel 300 24.0% no change');
    expect(text).toContain('Podcast episode 12 250 20.0% new');
    expect(text).toContain('Discount code 150 12.0% ▼ 25.0%'); // the 🔥 Inter has no glyph for is dropped
    expect(text).toContain('Other (3 more) 50 4.0%');
  });

  it('names sources, devices and countries', () => {
    expect(text).toContain('Instagram 700 56.0% ▲ 40.0%');
    expect(text).toContain('Your profile page 100 8.0% no change');
    expect(text).toContain('Mobile 1,000 80.0% ▲ 25.0%');
    expect(text).toContain('Germany 600 48.0% ▲ 20.0%');
    expect(text).toContain('United States 100 8.0% ▲ 100%');
    expect(text).toContain('Unknown 50 4.0% no change');
  });

  it('credits DB-IP under the countries, linked to db-ip.com', () => {
    expect(text).toMatch(/Unknown 50 4\.0% no change\nIP Geolocation by DB-IP\n/);
    expect(pdf.toString('latin1')).toContain('/URI (https://db-ip.com)');
  });

  it('draws the weekday × hour heatmap with its totals and the busiest hour', () => {
    expect(text).toContain(`${Array.from({ length: 24 }, (_, h) => h).join(' ')} Total`);
    expect(text).toContain('Mon 140\nTue 140\nWed 220\nThu 140\nFri 140\nSat 140\nSun 140');
    expect(text).toContain('Busiest hour: Wednesday 18:00–19:00 (90) 0 1 90');
  });

  it('shows conversions: leads, sales, revenue and conversion rate with their change, the funnel, and what converted', () => {
    expect(text).toContain('Conversions');
    expect(text).toContain('Leads\n120\n▲ 20.0%\nPrevious: 100');
    expect(text).toContain('Sales\n31\n▲ 24.0%\nPrevious: 25');
    expect(text).toContain('Revenue (EUR; also USD)\n€2,480.00\n▲ 24.0%\nPrevious: €2,000.00');
    expect(text).toContain('Conversion rate\n9.6%\n▼ 0.4 pts\nPrevious: 10.0%');
    expect(text).toContain('Funnel');
    expect(text).toContain('Profile views 4,000');
    expect(text).toContain('Leads 9.6% of clicks · 120');
    expect(text).toContain('Sales 25.8% of leads · 31');
    expect(text).toContain('Conversions by link');
    expect(text).toContain('Spring collection 500 50 13 €1,040.00 10.0%');
  });

  it('numbers every page and dates it in the footer', () => {
    expect(pages).toHaveLength(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Linkpulse report for @maya · Generated 1 November 2026, 09:30 (Europe/Berlin) Page ${i + 1} of 3`);
    });
  });

  it('gives the same bytes for the same data, streamed or not', async () => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of renderReportStream(octoberReport())) chunks.push(chunk as Uint8Array);
    expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
    expect((await renderReport(octoberReport())).equals(pdf)).toBe(true);
  });
});

describe('renderReport, a period without clicks', () => {
  let text: string;
  let pages: string[];
  beforeAll(async () => {
    pages = await pdfPages(await renderReport(emptyReport()));
    text = pages.join('\n');
  });

  it('says so in place of every chart and list, on one page', () => {
    expect(text.match(/No clicks in this period/g)).toHaveLength(5); // chart, top links, sources, devices, countries
    expect(text).toContain('No clicks or profile views in this period');
    expect(pages).toHaveLength(1);
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toMatch(/NaN|Infinity|undefined|null/);
  });

  it('shows zeros, falls to −100% from a busy period, and has no CTR without views', () => {
    expect(text).toContain('Clicks\n0\nno change\nPrevious: 0');
    expect(text).toContain('Profile views\n0\n▼ 100%\nPrevious: 10');
    expect(text).toContain('CTR\n—\nPrevious: 0.0%');
  });
});

describe('renderReport, one link', () => {
  let text: string;
  beforeAll(async () => {
    text = (await pdfPages(await renderReport(linkReport()))).join('\n');
  });

  it('is titled with the link, its short URL and its creator', () => {
    expect(text).toContain('LINK REPORT');
    expect(text).toContain('Spring collection\nlnk.example.com/spring · by Maya Lindqvist (@maya)');
    expect(text).toContain('Linkpulse report for lnk.example.com/spring by @maya');
  });

  it('leaves out the top links, which would be that link alone', () => {
    expect(text).not.toContain('Top links');
    expect(text).toContain('Clicks\n1,250\n▲ 25.0%');
    expect(text).toContain('Instagram 700 56.0% ▲ 40.0%');
  });
});

describe('renderReport, names the font cannot print or that do not fit', () => {
  it('falls back to the username and the link id, and cuts long names with an ellipsis', async () => {
    const data = octoberReport();
    data.creator.displayName = '✨✨';
    data.topLinks.rows[0].label = '🔥🔥🔥';
    data.countries.rows[0].label =
      'A country whose name is far too long to fit in the space a list gives to its label, which it cuts';
    const [page1, page2] = await pdfPages(await renderReport(data));
    expect(page1).toMatch(/^Linkpulse ANALYTICS REPORT\n@maya\nlnk\.example\.com\/@maya\n/);
    expect(page2).toContain('l1 500 40.0% ▲ 25.0%');
    expect(page2).toContain(
      '\nA country whose name is far too long to fit in the space a list gives to its label, which it… 600 48.0% ▲ 20.0%\n',
    );
  });
});
