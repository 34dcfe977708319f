import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AppConfig, QueueName } from '@app/common';
import { EventPartitions, VisitorSalts } from '@app/events';
import type { Job, Queue } from 'bullmq';

export enum MaintenanceJob {
  PartitionsAhead = 'partitions-ahead',
  ExpireSalts = 'expire-salts',
  RawRetention = 'raw-retention',
}

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
    for (const name of Object.values(MaintenanceJob)) {
      await this.queue.add(name, {}, { jobId: `${name}-${period}`, removeOnComplete: 100, removeOnFail: 100, attempts: 5 });
    }
  }
}

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger('Maintenance');

  constructor(
    private readonly partitions: EventPartitions,
    private readonly salts: VisitorSalts,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    switch (job.name as MaintenanceJob) {
      case MaintenanceJob.PartitionsAhead:
        return this.partitions.ensureAhead();
      case MaintenanceJob.ExpireSalts: {
        const deleted = await this.salts.deleteExpired();
        if (deleted) this.logger.log(`deleted ${deleted} visitor salt(s) older than 48 hours`);
        return;
      }
      case MaintenanceJob.RawRetention: {
        const cutoff = new Date(Date.now() - this.config.rawRetentionDays * DAY_MS);
        const dropped = await this.partitions.dropOlderThan(cutoff);
        if (dropped) this.logger.log(`dropped ${dropped} event partition(s) older than ${cutoff.toISOString()}`);
        return;
      }
    }
  }
}
