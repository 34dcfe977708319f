import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AnalyticsService, validRange } from '@app/analytics';
import { JobQueues, RenderReportJob, type ReportJobData } from '@app/common';
import { renderJobOptions, reportFilename, ReportRepository, type ReportRow } from '@app/reports';
import { CreatorsRepository, Transactions } from '@app/db';
import { type CreatedReportDto, type CreateReportDto, ReportDto } from './reports.dto.js';

/** Reports a creator may have queued or rendering at once; more answer 429. */
export const MAX_REPORTS_IN_PROGRESS = 5;
/** How many reports the list shows (retention keeps the table short anyway). */
export const REPORT_LIST_LIMIT = 500;

/** What a report's subject is, checked: its zone (the creator's when not given) and its link (a 404 unless the creator's). */
@Injectable()
export class ReportTargets {
  constructor(
    private readonly creators: CreatorsRepository,
    private readonly analytics: AnalyticsService,
  ) {}

  async resolve(
    creatorId: string,
    tz: string | undefined,
    linkId: string | null | undefined,
  ): Promise<{ tz: string; linkId: string | null }> {
    if (linkId) await this.analytics.assertLinkOf(creatorId, linkId);
    return { tz: tz ?? (await this.creators.timeZoneOf(creatorId)) ?? 'UTC', linkId: linkId ?? null };
  }
}

export interface ReportDownload {
  report: ReportDto;
  /** present when the report is ready */
  pdf: Buffer | null;
  filename: string;
}

@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly reports: ReportRepository,
    private readonly targets: ReportTargets,
    private readonly jobs: JobQueues,
    private readonly transactions: Transactions,
  ) {}

  /** Stores the report as queued and enqueues its render; the worker takes it from there. */
  async create(creatorId: string, dto: CreateReportDto): Promise<CreatedReportDto> {
    const query = dto.toQuery(creatorId);
    const { from, to } = validRange(query.from, query.to);
    const { tz, linkId } = await this.targets.resolve(creatorId, query.tz, query.linkId);
    const report = await this.transactions.runLocked('reports', creatorId, async (tx) => {
      if ((await this.reports.countInProgress(creatorId, tx)) >= MAX_REPORTS_IN_PROGRESS) {
        throw new HttpException(
          `At most ${MAX_REPORTS_IN_PROGRESS} reports can be in progress at once; wait for one to finish`,
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      return this.reports.insert({ id: randomUUID(), creatorId, linkId, from: new Date(from), to: new Date(to), tz }, tx);
    });
    if (!report) throw new Error('report insert returned nothing');
    await this.enqueue(report);
    return { id: report.id, status: report.status };
  }

  async list(creatorId: string): Promise<ReportDto[]> {
    return (await this.reports.list(creatorId, REPORT_LIST_LIMIT)).map(ReportDto.from);
  }

  async download(creatorId: string, id: string): Promise<ReportDownload> {
    const found = await this.reports.findWithPdf(creatorId, id);
    if (!found) throw new NotFoundException('Report not found');
    const { report, pdf, username } = found;
    return {
      report: ReportDto.from(report),
      pdf: report.status === 'ready' ? pdf : null,
      filename: reportFilename(username, report),
    };
  }

  async delete(creatorId: string, id: string): Promise<void> {
    if (!(await this.reports.delete(creatorId, id))) throw new NotFoundException('Report not found');
  }

  /**
   * A report whose job could not be added (Redis away) stays queued: the worker's schedule tick
   * enqueues reports queued for more than a few minutes, under the same job id.
   */
  private async enqueue(report: ReportRow): Promise<void> {
    const data: ReportJobData = { creatorId: report.creatorId, reportId: report.id };
    try {
      await this.jobs.add(RenderReportJob, data, renderJobOptions(report));
    } catch (error) {
      this.logger.warn(`report ${report.id} stays queued for the next sweep: ${(error as Error).message}`);
    }
  }
}
