import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from './config.js';

/**
 * The process's Redis connections. Commands on `client` fail within about a second when Redis
 * is away or hangs (callers fall back, e.g. to the spool); `subscriber` is dedicated to pub/sub.
 * Connections made with `createConnection` are closed with the app.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly connections: Redis[] = [];
  private readonly closeHooks: (() => Promise<void>)[] = [];
  private readonly closables: { close(): Promise<void> }[] = [];
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

  /** Work that needs Redis to finish before the connections close (e.g. flushing captured hits). */
  beforeClose(hook: () => Promise<void>): void {
    this.closeHooks.push(hook);
  }

  /** Something built on these connections (a BullMQ queue): closed after the hooks above, before the connections. */
  closeWithConnections(closable: { close(): Promise<void> }): void {
    this.closables.push(closable);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.closeHooks.map((hook) => hook()));
    await Promise.all(this.closables.map((closable) => closable.close().catch(() => undefined)));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
