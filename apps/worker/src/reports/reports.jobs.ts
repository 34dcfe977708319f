import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { addJob, AppConfig, type JobDefinition, QueueName, ReportRetentionJob, ScheduleTickJob } from '@app/common';
import { periodicJobOptions, ReportRepository } from '@app/reports';
import type { Queue } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

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
    return this.add(ScheduleTickJob, tickSlot(now));
  }

  enqueueRetention(now: number): Promise<void> {
    return this.add(ReportRetentionJob, new Date(now).toISOString().slice(0, 10));
  }

  private async add(job: JobDefinition<object>, period: string): Promise<void> {
    try {
      await addJob(this.queue, job, {}, periodicJobOptions(job, period));
    } catch (error) {
      // Redis away: the next slot's cron tries again
      this.logger.warn(`could not enqueue ${job.name} ${period}: ${(error as Error).message}`);
    }
  }
}

/** Deletes reports older than REPORT_RETENTION_MONTHS. */
@Injectable()
export class ReportRetention {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly reports: ReportRepository,
    private readonly config: AppConfig,
  ) {}

  @OnJob(ReportRetentionJob)
  async run(): Promise<{ deleted: number }> {
    const deleted = await this.reports.deleteOlderThan(this.config.reportRetentionMonths);
    if (deleted) this.logger.log(`deleted ${deleted} report(s) older than ${this.config.reportRetentionMonths} months`);
    return { deleted };
  }
}
