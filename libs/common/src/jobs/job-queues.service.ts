import { Injectable, Logger } from '@nestjs/common';
import { type Job, type JobsOptions, Queue } from 'bullmq';
import { QUEUE_PREFIX, type QueueName } from '../queues.js';
import { RedisService } from '../redis.service.js';
import { addJob, type JobDefinition } from './job.definition.js';

/**
 * The API's producer: it adds jobs to their queues on the process's `RedisService.client`, whose
 * commands fail within a second when Redis is away (the capture path then spools). A queue is made
 * only once Redis has answered: a BullMQ Queue whose first connection attempt fails stays failed
 * for good, and the API must start, and capture, while Redis is away (the worker, which cannot
 * work without Redis, injects its queues with @InjectQueue instead).
 */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger('Queues');
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly redis: RedisService) {}

  add<Data>(job: JobDefinition<Data>, data: Data, options: JobsOptions): Promise<Job> {
    return addJob(this.queue(job.queue), job, data, options);
  }

  /** The queue, to read its counts (throws while Redis has not answered yet). */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (this.redis.client.status !== 'ready') throw new Error('Redis is not connected');
      queue = new Queue(name, { connection: this.redis.client, prefix: QUEUE_PREFIX, skipWaitingForReady: true });
      queue.on('error', (error: Error) => this.logger.debug?.(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
      // after the last captured hits are handed over, whatever order Nest runs the shutdown hooks in
      this.redis.closeWithConnections(queue);
    }
    return queue;
  }
}
