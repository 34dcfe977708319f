import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import {
  addJob,
  AppConfig,
  DropExpiredEventsJob,
  EnsurePartitionsAheadJob,
  ExpireVisitorSaltsJob,
  MAINTENANCE_JOBS,
  PurgeQuarantinedNamesJob,
  QueueName,
} from '@app/common';
import { NameQuarantineRepository } from '@app/db';
import { EventPartitions, VisitorSalts } from '@app/events';
import type { Queue } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

const DAY_MS = 86_400_000;

/**
 * Schedules only enqueue: the job id names the period, so however many workers fire the same
 * cron, one job runs per period.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.enqueueAll(`boot-${Date.now()}`);
  }

  @Cron(CronExpression.EVERY_HOUR)
  async hourly(): Promise<void> {
    await this.enqueueAll(new Date().toISOString().slice(0, 13));
  }

  private async enqueueAll(period: string): Promise<void> {
    for (const job of MAINTENANCE_JOBS) {
      const jobId = `${job.formerName}-${period}`;
      await addJob(this.queue, job, {}, { jobId, removeOnComplete: 100, removeOnFail: 100, attempts: 5 });
    }
  }
}

/** The maintenance jobs: partitions ahead of time, salts and raw events past their retention, quarantined names freed. */
@Injectable()
export class MaintenanceProcessor {
  private readonly logger = new Logger('Maintenance');

  constructor(
    private readonly partitions: EventPartitions,
    private readonly salts: VisitorSalts,
    private readonly config: AppConfig,
    private readonly quarantine: NameQuarantineRepository,
  ) {}

  @OnJob(EnsurePartitionsAheadJob)
  async ensurePartitionsAhead(): Promise<void> {
    await this.partitions.ensureAhead();
  }

  @OnJob(ExpireVisitorSaltsJob)
  async expireSalts(): Promise<void> {
    const deleted = await this.salts.deleteExpired();
    if (deleted) this.logger.log(`deleted ${deleted} visitor salt(s) older than 48 hours`);
  }

  @OnJob(PurgeQuarantinedNamesJob)
  async purgeQuarantinedNames(): Promise<void> {
    const freed = await this.quarantine.purgeExpired();
    if (freed) this.logger.log(`freed ${freed} slug(s) and username(s) whose quarantine is over`);
  }

  @OnJob(DropExpiredEventsJob)
  async dropExpiredEvents(): Promise<void> {
    const cutoff = new Date(Date.now() - this.config.rawRetentionDays * DAY_MS);
    const dropped = await this.partitions.dropOlderThan(cutoff);
    if (dropped) this.logger.log(`dropped ${dropped} event partition(s) older than ${cutoff.toISOString()}`);
  }
}
