import type { JobDefinition } from '@app/common';
import type { JobsOptions } from 'bullmq';

/*
 * The options of the reports queue's jobs (RenderReportJob, EmailReportJob, ScheduleTickJob,
 * ReportRetentionJob in @app/common). Job ids name what a job is about, so adding the same job
 * twice while it exists is a no-op; BullMQ ids may not contain ':'.
 */

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
export function periodicJobOptions(job: JobDefinition, period: string): JobsOptions {
  return {
    jobId: `${job.formerName}-${period.replaceAll(':', '-')}`,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: 200,
    removeOnFail: 200,
  };
}
