import { describe, expect, it } from '@jest/globals';
import { emptyReport, linkReport, octoberReport } from './__fixtures__/report-data.fixture.js';
import { pdfPages } from './__fixtures__/pdf-text.js';
import { renderReport } from './report.renderer.js';

describe('renderReport', () => {
  it('renders', async () => {
    const pages = await pdfPages(await renderReport(octoberReport()));
    console.log(pages.join('\n=====\n'));
  });
});
