import { Injectable } from '@nestjs/common';
import { JobQueues, QueueName } from '@app/common';

export interface QueueStatus {
  waiting: number;
  active: number;
  failed: number;
  /** seconds since the oldest waiting batch was added */
  lagSeconds: number;
}

/** Depth and lag of the capture queue, read from Redis. */
@Injectable()
export class QueueStatusService {
  constructor(private readonly jobs: JobQueues) {}

  async status(): Promise<QueueStatus> {
    const queue = this.jobs.queue(QueueName.Capture);
    const counts = await queue.getJobCounts('waiting', 'active', 'failed', 'delayed', 'prioritized');
    const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
    return {
      waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
      lagSeconds: oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0,
    };
  }
}
