import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RollupService } from '@app/analytics';
import { addJob, JudgeAlertsJob, QueueName, RollDirtyHoursJob } from '@app/common';
import type { Job, Queue } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

export const ROLLUP_EVERY_MS = 60_000;
/** a run stops taking new days after this, so runs never pile up behind a long backlog */
const RUN_BUDGET_MS = 50_000;
/** the fleet's one job scheduler; its id predates job names taken from classes and must stay */
const SCHEDULER_ID = RollDirtyHoursJob.formerName;

/**
 * One BullMQ job scheduler for the whole fleet: upserting it with a fixed id is idempotent, so
 * every worker may do it at start and one job runs per minute however many workers there are.
 */
@Injectable()
export class RollupScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Rollup) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100, attempts: 3 };
    await this.queue.upsertJobScheduler(SCHEDULER_ID, { every: ROLLUP_EVERY_MS }, { name: RollDirtyHoursJob.name, opts });
    // and one run now, so a backlog left by a restart does not wait for the next tick (several
    // workers starting at once run several: harmless, the days are shared through advisory locks)
    await addJob(this.queue, RollDirtyHoursJob, {}, opts);
  }
}

/**
 * Rebuilds the rollups of dirty hours. Two runs at once (a slow run and the next one, or two
 * workers) never rebuild the same day together: each day is taken under an advisory lock.
 * Then the alerts judge the hours that became due and those the run changed (JudgeAlertsJob).
 */
@Injectable()
export class RollupProcessor {
  private readonly logger = new Logger('Rollup');

  constructor(
    private readonly rollups: RollupService,
    @InjectQueue(QueueName.Alerts) private readonly alerts: Queue,
  ) {}

  @OnJob(RollDirtyHoursJob)
  async roll(job: Job): Promise<{ days: number; hours: number }> {
    const run = await this.rollups.rollDirty({ concurrency: 2, deadline: Date.now() + RUN_BUDGET_MS });
    if (run.hours > 24) this.logger.log(`job ${job.id}: rebuilt ${run.hours} hour(s) over ${run.days} creator-day(s)`);
    const changed = run.changed.map(({ creatorId, hours }) => ({ creatorId, hours: hours.map((hour) => hour.toISOString()) }));
    await addJob(
      this.alerts,
      JudgeAlertsJob,
      { now: Date.now(), changed },
      { removeOnComplete: 100, removeOnFail: 100, attempts: 3 },
    );
    return { days: run.days, hours: run.hours };
  }
}
