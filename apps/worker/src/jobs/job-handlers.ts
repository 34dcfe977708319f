import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { JobDefinition, QueueName } from '@app/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { type JobHandler, ON_JOB } from './on-job.decorator.js';

/** The kinds of job this worker must be able to run (ALL_JOBS; a test may give others). */
export const JOB_DEFINITIONS = Symbol('JobDefinitions');

interface Registration {
  job: JobDefinition;
  handler: JobHandler<unknown>;
  /** Class.method, for messages */
  where: string;
}

/**
 * Every `@OnJob` method of every provider, found at start. The start fails when a kind of job has
 * no handler or two, or a handler is for a kind that is not listed; a job whose name is not known
 * fails at once (never retried, never completed silently).
 */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly byQueue = new Map<QueueName, Map<string, Registration>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(JOB_DEFINITIONS) private readonly jobs: readonly JobDefinition[],
  ) {}

  onModuleInit(): void {
    const found = this.discover();
    const problems: string[] = [];
    for (const job of this.jobs) {
      const handlers = found.filter((registration) => registration.job === job);
      if (handlers.length === 0) problems.push(`${job.name} has no @OnJob handler`);
      if (handlers.length > 1)
        problems.push(`${job.name} has ${handlers.length} handlers: ${handlers.map((h) => h.where).join(', ')}`);
    }
    for (const registration of found) {
      if (!this.jobs.includes(registration.job))
        problems.push(`${registration.where} handles ${registration.job.name}, which is not a listed job`);
    }
    if (problems.length > 0) throw new Error(`job handlers: ${problems.join('; ')}`);
    for (const registration of found) this.register(registration);
  }

  /** Runs the job with its kind's handler. */
  async run(queue: QueueName, job: Job): Promise<unknown> {
    const registration = this.byQueue.get(queue)?.get(job.name);
    if (!registration) throw new UnrecoverableError(`no handler for job "${job.name}" on the ${queue} queue`);
    return registration.handler(job);
  }

  private discover(): Registration[] {
    const found: Registration[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const handler = instance[method] as JobHandler<unknown>;
        const job = Reflect.getMetadata(ON_JOB, handler) as JobDefinition | undefined;
        if (job) found.push({ job, handler: handler.bind(instance), where: `${instance.constructor.name}.${method}` });
      }
    }
    return found;
  }

  private register(registration: Registration): void {
    const { job } = registration;
    let names = this.byQueue.get(job.queue);
    if (!names) this.byQueue.set(job.queue, (names = new Map()));
    names.set(job.name, registration);
    names.set(job.formerName, registration);
  }
}
