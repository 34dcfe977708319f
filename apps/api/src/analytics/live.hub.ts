import { Injectable } from '@nestjs/common';
import { liveChannel, RedisService } from '@app/common';
import type { Redis } from 'ioredis';

type Listener = (message: string) => void;

/** The streams listening on one Redis channel, and the SUBSCRIBE that serves them all. */
interface Channel {
  listeners: Set<Listener>;
  subscribed: Promise<unknown>;
}

/**
 * The process's one Redis subscription for live streams: a channel per creator, subscribed while
 * at least one stream of that creator is open. `subscribe` resolves once Redis has acknowledged the
 * SUBSCRIBE, so a stream that says it is connected misses no event published after that. The
 * SUBSCRIBE and UNSUBSCRIBE of one channel are sent one after the other, each after the previous
 * one's reply: the last stream of a creator closing while the next one opens can never leave the
 * channel unsubscribed. When Redis is away the subscription waits for it (ioredis's offline
 * queue); when it fails, every stream waiting on it is told and the next stream tries again.
 */
@Injectable()
export class LiveHub {
  private connection: Redis | null = null;
  private readonly channels = new Map<string, Channel>();
  /** per channel, the last SUBSCRIBE or UNSUBSCRIBE sent, settled or not */
  private readonly commands = new Map<string, Promise<unknown>>();

  constructor(private readonly redis: RedisService) {}

  /**
   * Calls `listener` with each LiveEvent JSON published for the creator. Resolves with the
   * unsubscribe once the channel is subscribed; rejects when Redis refuses the subscription.
   */
  async subscribe(creatorId: string, listener: Listener): Promise<() => void> {
    const name = liveChannel(creatorId);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { listeners: new Set(), subscribed: this.inOrder(name, (connection) => connection.subscribe(name)) };
      this.channels.set(name, channel);
    }
    channel.listeners.add(listener);
    try {
      await channel.subscribed;
    } catch (error) {
      this.forget(name, channel);
      throw error;
    }
    return () => this.removeListener(name, channel, listener);
  }

  /** Channels with at least one stream, for tests and metrics. */
  get channelCount(): number {
    return this.channels.size;
  }

  private removeListener(name: string, channel: Channel, listener: Listener): void {
    if (!channel.listeners.delete(listener) || channel.listeners.size > 0) return;
    this.forget(name, channel);
    this.inOrder(name, (connection) => connection.unsubscribe(name)).catch(() => undefined);
  }

  private forget(name: string, channel: Channel): void {
    if (this.channels.get(name) === channel) this.channels.delete(name);
  }

  /** Sends `command` once the channel's previous command has its reply (or has failed). */
  private inOrder(name: string, command: (connection: Redis) => Promise<unknown>): Promise<unknown> {
    const sent = (this.commands.get(name) ?? Promise.resolve()).then(async () => command(await this.ready()));
    const settled = sent.catch(() => undefined);
    this.commands.set(name, settled);
    void settled.then(() => {
      if (this.commands.get(name) === settled) this.commands.delete(name);
    });
    return sent;
  }

  /**
   * The connection once it is ready. ioredis writes SUBSCRIBE as soon as the socket is connected
   * (Redis allows it while loading), before its ready check: when the SUBSCRIBE is answered
   * first, the ready check's INFO is refused in subscriber mode, the connection is dropped and
   * the acknowledged subscription silently lost. Commands sent before the connection is up wait
   * in ioredis's offline queue and are sent after the ready check; only this window needs waiting.
   */
  private async ready(): Promise<Redis> {
    const connection = this.open();
    if (connection.status !== 'connect') return connection;
    await new Promise<void>((resolve, reject) => {
      const ready = (): void => {
        connection.off('end', end);
        resolve();
      };
      const end = (): void => {
        connection.off('ready', ready);
        reject(new Error('Redis connection closed'));
      };
      connection.once('ready', ready).once('end', end);
    });
    return connection;
  }

  private open(): Redis {
    if (!this.connection) {
      // closed with the app by RedisService
      this.connection = this.redis.createConnection({});
      this.connection.on('message', (name: string, message: string) => {
        for (const listener of this.channels.get(name)?.listeners ?? []) listener(message);
      });
    }
    return this.connection;
  }
}
