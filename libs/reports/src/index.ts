export type { ReportData } from './report-data.js';
export { renderReport, renderReportStream } from './report.renderer.js';
