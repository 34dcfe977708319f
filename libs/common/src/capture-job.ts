import type { JobsOptions } from 'bullmq';
import type { CapturedHit } from './hit.types.js';

export const CAPTURE_JOB = 'capture-batch';

export interface CaptureJobData {
  batchId: string;
  hits: CapturedHit[];
}

/**
 * A capture job must never be dropped: it is retried until it succeeds (the worker's storage
 * is idempotent), with a capped backoff so a PostgreSQL outage is caught up within seconds.
 */
export function captureJobOptions(batchId: string): JobsOptions {
  return {
    jobId: batchId,
    attempts: Number.MAX_SAFE_INTEGER,
    backoff: { type: 'capped' },
    removeOnComplete: true,
    removeOnFail: false,
  };
}

/** The 'capped' backoff of capture jobs: exponential from 250 ms, never more than 5 s. */
export function cappedBackoff(attemptsMade: number): number {
  return Math.min(250 * 2 ** Math.min(attemptsMade, 10), 5000);
}
