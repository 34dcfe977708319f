import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { type ReportJobData, ReportRepository } from '@app/reports';
import { type Job, UnrecoverableError } from 'bullmq';
import nodemailer, { type Transporter } from 'nodemailer';
import { reportEmail } from './report.mail.js';
import { errorText, isLastAttempt } from './report-rendering.service.js';

/**
 * Emails ready reports through SMTP_URL. A failed send is written to the report (email_status
 * 'retrying' with the server's answer, 'failed' after the last attempt) and retried by BullMQ with
 * backoff; a report already emailed is never sent again.
 */
@Injectable()
export class ReportMailing implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    private readonly reports: ReportRepository,
    private readonly config: AppConfig,
  ) {}

  async send(job: Job<ReportJobData>): Promise<'sent' | 'skipped'> {
    const { creatorId, reportId } = job.data;
    const content = await this.reports.emailContent(creatorId, reportId);
    if (!content) return 'skipped';
    try {
      if (!this.config.smtpUrl) throw new UnrecoverableError('SMTP_URL is not set');
      this.transport ??= nodemailer.createTransport(this.config.smtpUrl);
      await this.transport.sendMail(reportEmail({ sender: this.config.reportFrom, publicUrl: this.config.publicUrl, ...content }));
      await this.reports.markEmailed(creatorId, reportId);
      return 'sent';
    } catch (error) {
      await this.reports.markEmailFailed(creatorId, reportId, errorText(error), error instanceof UnrecoverableError || isLastAttempt(job));
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
