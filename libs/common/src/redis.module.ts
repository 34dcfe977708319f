import { Global, Module } from '@nestjs/common';
import { JobQueues } from './jobs/job-queues.service.js';
import { RedisService } from './redis.service.js';

/** The process's Redis connections, and the API's job producer on them. */
@Global()
@Module({ providers: [RedisService, JobQueues], exports: [RedisService, JobQueues] })
export class RedisModule {}
