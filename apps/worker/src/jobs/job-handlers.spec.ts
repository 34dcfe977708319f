import { describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { QueueName } from '@app/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { JOB_DEFINITIONS, JobHandlers } from './job-handlers.js';
import { OnJob } from './on-job.decorator.js';

class GreetJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'greet';
  declare readonly data: { who: string };
}

class WaveJob {
  static readonly queue = QueueName.Maintenance;
  static readonly formerName = 'wave';
  declare readonly data: Record<string, never>;
}

@Injectable()
class Greeter {
  @OnJob(GreetJob)
  async greet(job: Job<{ who: string }>): Promise<string> {
    return `hello ${job.data.who}`;
  }
}

@Injectable()
class Waver {
  @OnJob(WaveJob)
  async wave(): Promise<string> {
    return 'waved';
  }
}

@Injectable()
class SecondGreeter {
  @OnJob(GreetJob)
  async greetToo(): Promise<string> {
    return 'hello again';
  }
}

async function start(providers: (new (...args: never[]) => unknown)[], jobs: unknown[] = [GreetJob, WaveJob]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobHandlers, { provide: JOB_DEFINITIONS, useValue: jobs }, ...providers],
  }).compile();
  await module.init();
  return module.get(JobHandlers);
}

const job = (name: string, data: unknown = {}) => ({ name, data }) as Job;

describe('JobHandlers', () => {
  it('runs each job with the method marked for its class, under its class name or its former name', async () => {
    const handlers = await start([Greeter, Waver]);
    await expect(handlers.run(QueueName.Maintenance, job('GreetJob', { who: 'maya' }))).resolves.toBe('hello maya');
    await expect(handlers.run(QueueName.Maintenance, job('greet', { who: 'old release' }))).resolves.toBe('hello old release');
    await expect(handlers.run(QueueName.Maintenance, job('WaveJob'))).resolves.toBe('waved');
  });

  it('fails the start when a job has no handler', async () => {
    await expect(start([Greeter])).rejects.toThrow('WaveJob has no @OnJob handler');
  });

  it('fails the start when a job has two handlers, naming both', async () => {
    await expect(start([Greeter, Waver, SecondGreeter])).rejects.toThrow(
      'GreetJob has 2 handlers: Greeter.greet, SecondGreeter.greetToo',
    );
  });

  it('fails the start when a handler is for a job that is not listed', async () => {
    await expect(start([Greeter, Waver], [GreetJob])).rejects.toThrow('Waver.wave handles WaveJob, which is not a listed job');
  });

  it('fails an unknown job at once, never retried, and a job on the wrong queue likewise', async () => {
    const handlers = await start([Greeter, Waver]);
    await expect(handlers.run(QueueName.Maintenance, job('SendNewsletterJob'))).rejects.toThrow(UnrecoverableError);
    await expect(handlers.run(QueueName.Maintenance, job('SendNewsletterJob'))).rejects.toThrow(
      'no handler for job "SendNewsletterJob" on the maintenance queue',
    );
    await expect(handlers.run(QueueName.Capture, job('GreetJob'))).rejects.toThrow(UnrecoverableError);
  });
});
