export type { ReportData } from './report-data.js';
export { renderReport, renderReportStream } from './report.renderer.js';
export {
  buildReportData,
  chartInterval,
  type ReportAnalytics,
  type ReportRequest,
  type ReportSubject,
} from './report-data.builder.js';
export * from './report-schedule.period.js';
export * from './report.jobs.js';
export { formatPeriod } from './period.format.js';
export * from './report.repository.js';
export * from './report-schedule.repository.js';
export { reportFilename } from './report.filename.js';
export { ReportsModule } from './reports.module.js';
