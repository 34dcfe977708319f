import type { JobDefinition } from '@app/common';
import type { Job } from 'bullmq';

export const ON_JOB = Symbol('OnJob');

/** A job handler takes the BullMQ job (its data, attempts, options) and resolves with the job's result. */
export type JobHandler<Data> = (job: Job<Data>) => Promise<unknown>;

/**
 * Marks the method that runs every job of this kind. Handlers are found when the worker starts
 * (JobHandlers); a kind with no handler, or with two, stops the start.
 */
export function OnJob<Data>(job: JobDefinition<Data>) {
  return <Method extends JobHandler<Data>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    Reflect.defineMetadata(ON_JOB, job, descriptor.value!);
  };
}
