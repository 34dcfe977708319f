import type { CaptureJobData } from '../capture-job.js';
import type { ConversionJobData } from '../conversion-job.js';
import { QueueName } from '../queues.js';

/** Every kind of job, by queue. The worker refuses to start unless each has exactly one handler. */

export interface ReportJobData {
  creatorId: string;
  reportId: string;
}

export interface JudgeAlertsJobData {
  /** the run's "now", epoch ms */
  now: number;
  /** the UTC hours (ISO) a rollup run changed, per creator: past ones are judged again */
  changed: { creatorId: string; hours: string[] }[];
}

export interface WebhookJobData {
  creatorId: string;
  deliveryId: string;
}

export interface ScheduleTickJobData {
  /** the tick's "now", epoch ms; absent: the time the job runs */
  now?: number;
}

/** A batch of captured hits, to enrich and store exactly once. */
export class CaptureBatchJob {
  static readonly queue = QueueName.Capture;
  static readonly formerName = 'capture-batch';
  declare readonly data: CaptureJobData;
}

/** A batch of accepted conversions, to attribute and store exactly once. */
export class ConversionBatchJob {
  static readonly queue = QueueName.Conversions;
  static readonly formerName = 'conversion-batch';
  declare readonly data: ConversionJobData;
}

/** Rebuilds the rollups of dirty hours (every minute, from one fleet-wide job scheduler). */
export class RollDirtyHoursJob {
  static readonly queue = QueueName.Rollup;
  static readonly formerName = 'roll-dirty-hours';
  declare readonly data: Record<string, never>;
}

/** Judges the hours that became due, and those late events changed (docs/alerts.md); enqueued after each rollup run. */
export class JudgeAlertsJob {
  static readonly queue = QueueName.Alerts;
  static readonly formerName = 'judge-alerts';
  declare readonly data: JudgeAlertsJobData;
}

/** Sends one webhook delivery (its id is the job's), retried with backoff (docs/webhooks.md). */
export class DeliverWebhookJob {
  static readonly queue = QueueName.Webhooks;
  static readonly formerName = 'deliver-webhook';
  declare readonly data: WebhookJobData;
}

/** Creates the event partitions of this month and the next two. */
export class EnsurePartitionsAheadJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'partitions-ahead';
  declare readonly data: Record<string, never>;
}

/** Deletes visitor salts 48 hours after their day began. */
export class ExpireVisitorSaltsJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'expire-salts';
  declare readonly data: Record<string, never>;
}

/** Drops raw events older than RAW_RETENTION_DAYS. */
export class DropExpiredEventsJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'raw-retention';
  declare readonly data: Record<string, never>;
}

/** Frees the slugs and usernames whose quarantine (SLUG_QUARANTINE_DAYS) is over. */
export class PurgeQuarantinedNamesJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'purge-quarantined-names';
  declare readonly data: Record<string, never>;
}

/** Renders one report's PDF and stores it. */
export class RenderReportJob {
  static readonly queue = QueueName.Reports;
  static readonly formerName = 'render-report';
  declare readonly data: ReportJobData;
}

/** Emails a ready report's PDF to its creator (when SMTP_URL is set). */
export class EmailReportJob {
  static readonly queue = QueueName.Reports;
  static readonly formerName = 'email-report';
  declare readonly data: ReportJobData;
}

/** Makes the reports of schedules whose period is due (enqueued every 5 minutes). */
export class ScheduleTickJob {
  static readonly queue = QueueName.Reports;
  static readonly formerName = 'schedule-tick';
  declare readonly data: ScheduleTickJobData;
}

/** Deletes reports older than REPORT_RETENTION_MONTHS (enqueued daily). */
export class ReportRetentionJob {
  static readonly queue = QueueName.Reports;
  static readonly formerName = 'report-retention';
  declare readonly data: Record<string, never>;
}

export interface ImportJobData {
  importId: string;
}

/** Imports the rows of one uploaded export of links, a chunk per transaction, resuming where it stopped. */
export class RunImportJob {
  static readonly queue = QueueName.Imports;
  static readonly formerName = 'run-import';
  declare readonly data: ImportJobData;
}

export const ALL_JOBS = [
  CaptureBatchJob,
  ConversionBatchJob,
  RollDirtyHoursJob,
  JudgeAlertsJob,
  DeliverWebhookJob,
  EnsurePartitionsAheadJob,
  ExpireVisitorSaltsJob,
  DropExpiredEventsJob,
  PurgeQuarantinedNamesJob,
  RenderReportJob,
  EmailReportJob,
  ScheduleTickJob,
  ReportRetentionJob,
  RunImportJob,
] as const;

export const MAINTENANCE_JOBS = [
  EnsurePartitionsAheadJob,
  ExpireVisitorSaltsJob,
  DropExpiredEventsJob,
  PurgeQuarantinedNamesJob,
] as const;
