import { Injectable, Logger } from '@nestjs/common';
import { liveChannel, RedisService } from '@app/common';
import type { Redis } from 'ioredis';

type Listener = (message: string) => void;

/**
 * The process's one Redis subscription for live streams: a channel per creator, subscribed while
 * at least one stream of that creator is open. Subscribing never blocks a stream: when Redis is
 * away the stream stays open and events flow once the connection is back.
 */
@Injectable()
export class LiveHub {
  private readonly logger = new Logger('Live');
  private connection: Redis | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly redis: RedisService) {}

  /** Calls `listener` with each LiveEvent JSON published for the creator; returns the unsubscribe. */
  subscribe(creatorId: string, listener: Listener): () => void {
    const channel = liveChannel(creatorId);
    const connection = this.open();
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      connection.subscribe(channel).catch((error: Error) => this.logger.warn(`subscribe ${channel}: ${error.message}`));
    }
    listeners.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      connection.unsubscribe(channel).catch(() => undefined);
    };
  }

  /** Open subscriptions, for tests and metrics. */
  get channels(): number {
    return this.listeners.size;
  }

  private open(): Redis {
    if (!this.connection) {
      // closed with the app by RedisService
      this.connection = this.redis.createConnection({});
      this.connection.on('message', (channel: string, message: string) => {
        for (const listener of this.listeners.get(channel) ?? []) listener(message);
      });
    }
    return this.connection;
  }
}
