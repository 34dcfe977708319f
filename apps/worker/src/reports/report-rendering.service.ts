import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { AnalyticsService } from '@app/analytics';
import { addJob, AppConfig, DomainError, EmailReportJob, QueueName, RenderReportJob, type ReportJobData } from '@app/common';
import { buildReportData, emailJobOptions, type EmailStatus, renderReport, ReportRepository } from '@app/reports';
import { WebhookEvents } from '@app/webhooks';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

export type RenderOutcome = 'rendered' | 'skipped';

/** A render that cannot succeed on a retry: the analytics service refused the query (a domain error). */
const isPermanent = (error: unknown): boolean => error instanceof DomainError;
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Whether a failed attempt was the job's last: it is marked failed then, queued for a retry otherwise. */
export const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * Renders a report: its numbers from the analytics service (the API's own functions), the PDF from
 * @app/reports, stored in the row. Rendering twice writes the same report again, so a job delivered
 * twice does no harm; a report already ready is skipped.
 */
@Injectable()
export class ReportRendering {
  constructor(
    private readonly reports: ReportRepository,
    private readonly analytics: AnalyticsService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
    private readonly webhooks: WebhookEvents,
  ) {}

  @OnJob(RenderReportJob)
  async render(job: Job<ReportJobData>, generatedAt = new Date()): Promise<RenderOutcome> {
    const { creatorId, reportId } = job.data;
    const report = await this.reports.start(creatorId, reportId);
    if (!report) {
      // already ready: a retry after the email could not be enqueued, or a duplicate job
      const ready = await this.reports.find(creatorId, reportId);
      if (ready?.emailStatus === 'pending') await this.enqueueEmail(job.data);
      return 'skipped';
    }
    try {
      const subject = await this.reports.subject(creatorId, reportId);
      if (!subject) return 'skipped';
      const data = await buildReportData(
        this.analytics,
        { creatorId, from: report.from.getTime(), to: report.to.getTime(), tz: report.tz, linkId: report.linkId },
        {
          creator: { username: subject.username, displayName: subject.displayName },
          link: subject.linkSlug ? { slug: subject.linkSlug, title: subject.linkTitle } : null,
        },
        { publicUrl: this.config.publicUrl, generatedAt },
      );
      const pdf = await renderReport(data);
      // scheduled reports are emailed when SMTP is configured; on-demand ones are downloaded
      const email: EmailStatus = this.config.smtpUrl && report.periodKey ? 'pending' : null;
      await this.reports.markReady(creatorId, reportId, pdf, email);
      if (email) await this.enqueueEmail(job.data);
      await this.webhooks.emit(creatorId, 'report.ready', {
        id: reportId,
        from: report.from.toISOString(),
        to: report.to.toISOString(),
        tz: report.tz,
        linkId: report.linkId,
        url: `${this.config.publicUrl}/api/v1/reports/${reportId}`,
      });
      return 'rendered';
    } catch (error) {
      const permanent = isPermanent(error);
      await this.reports.markRenderFailed(creatorId, reportId, errorText(error), permanent || isLastAttempt(job));
      throw permanent ? new UnrecoverableError(errorText(error)) : error;
    }
  }

  private async enqueueEmail(data: ReportJobData): Promise<void> {
    await addJob(this.queue, EmailReportJob, data, emailJobOptions(data.reportId));
  }
}
