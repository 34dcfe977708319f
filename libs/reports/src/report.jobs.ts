import type { JobsOptions } from 'bullmq';

/**
 * The jobs of the reports queue (`QueueName.Reports`), shared by the API (which enqueues renders)
 * and the worker (which runs them all). Job ids name what a job is about, so adding the same job
 * twice while it exists is a no-op; BullMQ ids may not contain ':'.
 */
export enum ReportJob {
  /** renders one report's PDF and stores it */
  Render = 'render-report',
  /** emails a ready report's PDF to its creator (when SMTP_URL is set) */
  Email = 'email-report',
  /** makes the reports of schedules whose period is due (enqueued every 5 minutes) */
  ScheduleTick = 'schedule-tick',
  /** deletes reports older than REPORT_RETENTION_MONTHS (enqueued daily) */
  Retention = 'report-retention',
}

export interface ReportJobData {
  creatorId: string;
  reportId: string;
}

export interface ScheduleTickJobData {
  /** the tick's "now", epoch ms; absent: the time the job runs */
  now?: number;
}

/** What names a report's render job: its schedule's period, or the report itself when on demand. */
export interface RenderJobKey {
  id: string;
  scheduleId: string | null;
  periodKey: string | null;
}

export function renderJobId(report: RenderJobKey): string {
  return report.scheduleId && report.periodKey ? `sched-${report.scheduleId}-${report.periodKey}` : `report-${report.id}`;
}

export const RENDER_ATTEMPTS = 3;
export const EMAIL_ATTEMPTS = 5;

export function renderJobOptions(report: RenderJobKey): JobsOptions {
  return {
    jobId: renderJobId(report),
    attempts: RENDER_ATTEMPTS,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
  };
}

export function emailJobOptions(reportId: string): JobsOptions {
  return {
    jobId: `email-${reportId}`,
    attempts: EMAIL_ATTEMPTS,
    // 30 s, 1 min, 2 min, 4 min: an SMTP server that is briefly away or rate-limits gets time
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
  };
}

/** A period-named id: however many workers' crons fire for one slot, one job runs. */
export function periodicJobOptions(job: ReportJob, period: string): JobsOptions {
  return {
    jobId: `${job}-${period.replaceAll(':', '-')}`,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: 200,
    removeOnFail: 200,
  };
}
