import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CHANNEL_LINK_CHANGED, RedisService } from '@app/common';
import { LinksRepository, type RedirectTarget } from '@app/db';

export type { RedirectTarget } from '@app/db';

interface Entry {
  target: RedirectTarget | null;
  loadedAt: number;
}

const MAX_ENTRIES = 100_000;
const FRESH_MS = 5 * 60_000;
const MISSING_FRESH_MS = 5_000;
const REDIS_TTL_S = 3600;
const REANNOUNCE_AFTER_MS = 1000;
// v2: targets carry conversionTracking; entries cached in the old shape are not read back
const redisKey = (slug: string): string => `linkpulse:link:v2:${slug}`;

/**
 * Slug → redirect target: from this process's memory, then Redis, then PostgreSQL.
 * A changed link is announced on a Redis channel and dropped from every API process's memory at
 * once. A stale entry is still served while it is refreshed, so cached links keep redirecting
 * while PostgreSQL is down.
 */
@Injectable()
export class LinkCache implements OnModuleInit {
  private readonly logger = new Logger('LinkCache');
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<RedirectTarget | null>>();
  /** bumped by every invalidation; a load that started before one is answered but not cached */
  private generation = 0;

  constructor(
    private readonly links: LinksRepository,
    private readonly redis: RedisService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.redis.subscriber.on('message', (channel: string, slug: string) => {
      if (channel === CHANNEL_LINK_CHANGED) this.forget(slug);
    });
    await this.redis.subscriber.subscribe(CHANNEL_LINK_CHANGED).catch((error: Error) => {
      this.logger.warn(`link invalidations not subscribed yet: ${error.message}`);
    });
  }

  /** The target from memory when known; otherwise undefined and `load` must be awaited. */
  peek(slug: string, now = Date.now()): RedirectTarget | null | undefined {
    const entry = this.entries.get(slug);
    if (!entry) return undefined;
    const fresh = now - entry.loadedAt < (entry.target ? FRESH_MS : MISSING_FRESH_MS);
    if (!fresh) void this.load(slug).catch(() => undefined);
    return entry.target;
  }

  load(slug: string): Promise<RedirectTarget | null> {
    let pending = this.loading.get(slug);
    if (!pending) {
      pending = this.fetch(slug).finally(() => this.loading.delete(slug));
      this.loading.set(slug, pending);
    }
    return pending;
  }

  /**
   * Tells every API process that a link changed (call after the change is committed). The Redis
   * copy is deleted once more a second later: a process that read the old row just before the
   * commit may have written it back in between.
   */
  async invalidate(slug: string): Promise<void> {
    this.forget(slug);
    await this.announce(slug);
    setTimeout(() => void this.announce(slug), REANNOUNCE_AFTER_MS).unref();
  }

  private async announce(slug: string): Promise<void> {
    await this.redis.client
      .multi()
      .del(redisKey(slug))
      .publish(CHANNEL_LINK_CHANGED, slug)
      .exec()
      .catch((error: Error) => this.logger.warn(`invalidation of ${slug} not published: ${error.message}`));
  }

  /** Drops the slug and marks loads already under way as stale, so they do not store the old target. */
  private forget(slug: string): void {
    this.entries.delete(slug);
    this.loading.delete(slug);
    this.generation++;
  }

  private async fetch(slug: string): Promise<RedirectTarget | null> {
    const generation = this.generation;
    const cached = await this.redis.client.get(redisKey(slug)).catch(() => null);
    const target = cached ? (JSON.parse(cached) as RedirectTarget) : await this.links.redirectTarget(slug);
    if (generation !== this.generation) return target;
    if (!cached && target) {
      void this.redis.client.set(redisKey(slug), JSON.stringify(target), 'EX', REDIS_TTL_S).catch(() => undefined);
    }
    this.remember(slug, target);
    return target;
  }

  private remember(slug: string, target: RedirectTarget | null): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(slug);
    this.entries.set(slug, { target, loadedAt: Date.now() });
  }
}
