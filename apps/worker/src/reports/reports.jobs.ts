import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig, QueueName } from '@app/common';
import { periodicJobOptions, ReportJob, type ReportJobData, ReportRepository, type ScheduleTickJobData } from '@app/reports';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { ReportMailing } from './report-mailing.service.js';
import { ReportRendering } from './report-rendering.service.js';
import { ScheduleTick } from './schedule-tick.service.js';

export const TICK_EVERY_MINUTES = 5;

/** The 5-minute slot of `at`, as a job id part: 2026-11-23T08-05. */
export function tickSlot(at: number): string {
  const slot = Math.floor(at / (TICK_EVERY_MINUTES * 60_000)) * TICK_EVERY_MINUTES * 60_000;
  return new Date(slot).toISOString().slice(0, 16).replace(':', '-');
}

/**
 * The crons only enqueue, under period-named job ids: however many workers fire them, one schedule
 * tick runs per 5-minute slot and one retention run per day. Each worker also enqueues both at start
 * (same ids), so a fleet that was down catches up within minutes.
 */
@Injectable()
export class ReportCron implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportCron');

  constructor(@InjectQueue(QueueName.Reports) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.enqueueTick(Date.now());
    await this.enqueueRetention(Date.now());
  }

  // (cron calls its handlers with arguments of its own: the handlers take none)
  @Cron(`*/${TICK_EVERY_MINUTES} * * * *`)
  async everyFiveMinutes(): Promise<void> {
    await this.enqueueTick(Date.now());
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM)
  async daily(): Promise<void> {
    await this.enqueueRetention(Date.now());
  }

  enqueueTick(now: number): Promise<void> {
    return this.add(ReportJob.ScheduleTick, tickSlot(now));
  }

  enqueueRetention(now: number): Promise<void> {
    return this.add(ReportJob.Retention, new Date(now).toISOString().slice(0, 10));
  }

  private async add(job: ReportJob, period: string): Promise<void> {
    try {
      await this.queue.add(job, {}, periodicJobOptions(job, period));
    } catch (error) {
      // Redis away: the next slot's cron tries again
      this.logger.warn(`could not enqueue ${job} ${period}: ${(error as Error).message}`);
    }
  }
}

@Processor(QueueName.Reports, { concurrency: 2 })
export class ReportsProcessor extends WorkerHost {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly rendering: ReportRendering,
    private readonly mailing: ReportMailing,
    private readonly tick: ScheduleTick,
    private readonly reports: ReportRepository,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as ReportJob) {
      case ReportJob.Render:
        return this.rendering.render(job as Job<ReportJobData>);
      case ReportJob.Email:
        return this.mailing.send(job as Job<ReportJobData>);
      case ReportJob.ScheduleTick:
        return this.tick.run((job.data as ScheduleTickJobData).now);
      case ReportJob.Retention: {
        const deleted = await this.reports.deleteOlderThan(this.config.reportRetentionMonths);
        if (deleted) this.logger.log(`deleted ${deleted} report(s) older than ${this.config.reportRetentionMonths} months`);
        return { deleted };
      }
      default:
        throw new UnrecoverableError(`unknown reports job ${job.name}`);
    }
  }
}
