import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { addJob, QueueName, RenderReportJob, type ReportJobData, ScheduleTickJob, type ScheduleTickJobData } from '@app/common';
import { dueSchedules, renderJobOptions, ReportRepository, type ReportRow, ReportScheduleRepository } from '@app/reports';
import type { Job, Queue } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

const PAGE = 500;
/** A report queued this long ago without having started may have lost its job: it is enqueued again (same job id). */
export const SWEEP_AFTER_MS = 2 * 60_000;
const SWEEP_BATCH = 200;

export interface TickResult {
  /** reports made for due periods */
  created: number;
  /** queued reports whose job was added again */
  swept: number;
}

/**
 * One schedule tick: every schedule whose latest due period has no report gets it, exactly once
 * however many ticks run at once (see ReportScheduleRepository.claimPeriod), and its render job
 * is named `sched-<scheduleId>-<periodKey>`. Then reports stuck in 'queued' get their job again.
 */
@Injectable()
export class ScheduleTick {
  private readonly logger = new Logger('ReportSchedules');

  constructor(
    private readonly schedules: ReportScheduleRepository,
    private readonly reports: ReportRepository,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
  ) {}

  @OnJob(ScheduleTickJob)
  onTick(job: Job<ScheduleTickJobData>): Promise<TickResult> {
    return this.run(job.data.now);
  }

  async run(now = Date.now()): Promise<TickResult> {
    let created = 0;
    let after: { creatorId: string; id: string } | null = null;
    for (;;) {
      const page = await this.schedules.page(after, PAGE);
      for (const schedule of page) {
        try {
          for (const { period } of dueSchedules([schedule], now)) {
            const report = await this.schedules.claimPeriod(schedule, period, randomUUID());
            if (!report) continue;
            created++;
            await this.enqueue(report);
          }
        } catch (error) {
          // one broken schedule must not hold up the others; it is tried again next tick
          this.logger.warn(`schedule ${schedule.id}: ${(error as Error).message}`);
        }
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    const swept = await this.sweep();
    if (created > 0) this.logger.log(`made ${created} scheduled report(s)`);
    return { created, swept };
  }

  private async sweep(): Promise<number> {
    const stale = await this.reports.queuedBefore(new Date(Date.now() - SWEEP_AFTER_MS), SWEEP_BATCH);
    for (const report of stale) await this.enqueue(report);
    return stale.length;
  }

  /** Adding a job whose id exists is a no-op, so enqueueing a report again never renders it twice at once. */
  private async enqueue(report: ReportRow): Promise<void> {
    const data: ReportJobData = { creatorId: report.creatorId, reportId: report.id };
    await addJob(this.queue, RenderReportJob, data, renderJobOptions(report));
  }
}
