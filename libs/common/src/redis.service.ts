import { Global, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { Queue } from 'bullmq';
import { AppConfig } from './config.js';
import { QUEUE_PREFIX, type QueueName } from './queues.js';

/**
 * The process's Redis connections. Commands on `client` fail within about a second when Redis
 * is away or hangs (callers fall back, e.g. to the spool); `subscriber` is dedicated to pub/sub.
 * Connections made with `createConnection` are closed with the app.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly connections: Redis[] = [];
  private readonly queues = new Map<QueueName, Queue>();
  private readonly closeHooks: (() => Promise<void>)[] = [];
  readonly client: Redis;
  readonly subscriber: Redis;

  constructor(private readonly config: AppConfig) {
    this.client = this.createConnection({ maxRetriesPerRequest: 1, commandTimeout: 1000 });
    this.subscriber = this.createConnection({});
  }

  createConnection(options: RedisOptions): Redis {
    const connection = new Redis(this.config.redisUrl, {
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      ...options,
    });
    connection.on('error', (error: Error) => this.logger.debug?.(`redis: ${error.message}`));
    this.connections.push(connection);
    return connection;
  }

  /**
   * A BullMQ producer on `client`, made once Redis has answered: a Queue whose first connection
   * attempt failed stays failed, so it is created only when the connection is ready.
   */
  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      if (this.client.status !== 'ready') throw new Error('Redis is not connected');
      queue = new Queue(name, { connection: this.client, prefix: QUEUE_PREFIX, skipWaitingForReady: true });
      queue.on('error', (error: Error) => this.logger.debug?.(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Work that needs Redis to finish before the connections close (e.g. flushing captured hits). */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.closeHooks.map((hook) => hook()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
