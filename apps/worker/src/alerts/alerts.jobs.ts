import { Injectable } from '@nestjs/common';
import { AlertEvaluator, alertJson } from '@app/alerts';
import { JudgeAlertsJob, type JobData } from '@app/common';
import { WebhookEvents } from '@app/webhooks';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator.js';

/** Judges hours for anomalies after each rollup run (the hours that became due, and the past hours late events changed); new alerts go to webhooks. */
@Injectable()
export class AlertsProcessor {
  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly webhooks: WebhookEvents,
  ) {}

  @OnJob(JudgeAlertsJob)
  async judge(job: Job<JobData<typeof JudgeAlertsJob>>): Promise<{ raised: number }> {
    const { now, changed } = job.data;
    const due = await this.evaluator.judgeDueHours(now);
    const late = await this.evaluator.judgeLateHours(
      changed.map(({ creatorId, hours }) => ({ creatorId, hours: hours.map((hour) => new Date(hour)) })),
      now,
    );
    const raised = [...due, ...late];
    await this.webhooks.emitEach(
      'alert',
      raised.map((alert) => ({ creatorId: alert.creatorId, data: alertJson(alert) })),
    );
    return { raised: raised.length };
  }
}
