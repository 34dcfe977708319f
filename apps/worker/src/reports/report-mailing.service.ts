import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig, EmailReportJob, type ReportJobData } from '@app/common';
import { ReportRepository } from '@app/reports';
import { type Job, UnrecoverableError } from 'bullmq';
import nodemailer, { type Transporter } from 'nodemailer';
import { OnJob } from '../jobs/on-job.decorator.js';
import { reportEmail } from './report.mail.js';
import { errorText, isLastAttempt } from './report-rendering.service.js';

/** SMTP 5xx answers are permanent ("no such mailbox"): retrying cannot help; 4xx and network errors are retried. */
const isPermanent = (error: unknown): boolean =>
  error instanceof UnrecoverableError || ((error as { responseCode?: number }).responseCode ?? 0) >= 500;

/**
 * Emails ready reports through SMTP_URL. A failed send is written to the report (email_status
 * 'retrying' with the server's answer, 'failed' after the last attempt) and retried by BullMQ with
 * backoff (a 5xx answer fails at once); a report already emailed is never sent again.
 */
@Injectable()
export class ReportMailing implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    private readonly reports: ReportRepository,
    private readonly config: AppConfig,
  ) {}

  @OnJob(EmailReportJob)
  async send(job: Job<ReportJobData>): Promise<'sent' | 'skipped'> {
    const { creatorId, reportId } = job.data;
    const content = await this.reports.emailContent(creatorId, reportId);
    if (!content) return 'skipped';
    try {
      if (!this.config.smtpUrl) throw new UnrecoverableError('SMTP_URL is not set');
      this.transport ??= nodemailer.createTransport(this.config.smtpUrl);
      await this.transport.sendMail(
        reportEmail({ sender: this.config.reportFrom, publicUrl: this.config.publicUrl, ...content }),
      );
      await this.reports.markEmailed(creatorId, reportId);
      return 'sent';
    } catch (error) {
      const permanent = isPermanent(error);
      await this.reports.markEmailFailed(creatorId, reportId, errorText(error), permanent || isLastAttempt(job));
      throw permanent && !(error instanceof UnrecoverableError) ? new UnrecoverableError(errorText(error)) : error;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
