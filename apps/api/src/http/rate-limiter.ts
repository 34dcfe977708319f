import { createHmac } from 'node:crypto';
import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppConfig, RedisService } from '@app/common';

/** A limit: at most `limit` hits per `windowMs`, counted per key (an address, an account). */
export interface RateRule {
  /** part of the Redis key, e.g. 'login-ip' */
  name: string;
  limit: number;
  windowMs: number;
  /** the 429 message; `{wait}` is replaced by the wait ("42 seconds", "12 minutes") */
  message: string;
}

export interface RateDecision {
  allowed: boolean;
  /** hits in the current window, this one included (0 when Redis could not be asked) */
  count: number;
  /** whole seconds until the window ends */
  retryAfter: number;
}

/*
 * A fixed window in one round trip: the first hit of a window creates the counter with its expiry,
 * later hits only increment it. A counter left without an expiry (it cannot happen, but a crash
 * between two commands of a non-atomic version could) is given one, so no key lives forever.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

const WARN_EVERY_MS = 60_000;
/**
 * Connection states in which a command is not even tried. While the first connection is being made
 * (`connecting`, `connect`) commands wait in ioredis's queue (a second at most): failing open then
 * let the first requests after a start through uncounted.
 */
const GIVEN_UP = new Set(['reconnecting', 'close', 'end']);

/**
 * Counters in Redis, so every API replica shares them. Keys hold a keyed hash of what is counted
 * (HMAC-SHA256 under a key derived from SESSION_SECRET): no address or email in Redis, and none
 * recoverable from a copy of it either (a plain SHA-256 of an IPv4 address is reversed by trying
 * all 2³² in seconds). When Redis cannot answer, the limiter lets the request through
 * (fails open) and logs it at most once a minute: logins keep working through a Redis outage.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private lastWarning = 0;
  private readonly keyHashKey: Buffer;

  constructor(
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    this.keyHashKey = createHmac('sha256', config.sessionSecret).update('linkpulse rate-limit keys').digest();
  }

  /** Counts one hit of `key` against the rule. */
  async hit(rule: RateRule, key: string): Promise<RateDecision> {
    if (GIVEN_UP.has(this.redis.client.status)) return this.failOpen(rule, new Error(`Redis is ${this.redis.client.status}`));
    try {
      const [count, ttl] = (await this.redis.client.eval(HIT_SCRIPT, 1, this.key(rule, key), rule.windowMs)) as [number, number];
      return { allowed: count <= rule.limit, count, retryAfter: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      return this.failOpen(rule, error as Error);
    }
  }

  /** Counts one hit and throws a 429 (with `Retry-After`) when the rule is exceeded. */
  async consume(rule: RateRule, key: string): Promise<void> {
    const decision = await this.hit(rule, key);
    if (!decision.allowed) throw tooManyRequests(rule, decision.retryAfter);
  }

  /** Forgets the key's hits (after a successful login, its failures no longer count). */
  async reset(rule: RateRule, key: string): Promise<void> {
    if (GIVEN_UP.has(this.redis.client.status)) return;
    await this.redis.client.del(this.key(rule, key)).catch(() => undefined);
  }

  /** The Redis key of a rule's counter for `key`. */
  key(rule: RateRule, key: string): string {
    const digest = createHmac('sha256', this.keyHashKey).update(key).digest('base64url').slice(0, 22);
    return `linkpulse:rate:${rule.name}:${digest}`;
  }

  private failOpen(rule: RateRule, error: Error): RateDecision {
    const now = Date.now();
    if (now - this.lastWarning > WARN_EVERY_MS) {
      this.lastWarning = now;
      this.logger.warn(`rate limits not enforced (${rule.name}): ${error.message}`);
    }
    return { allowed: true, count: 0, retryAfter: 0 };
  }
}

/** A 429 whose `Retry-After` header the exception filter writes. */
export function tooManyRequests(rule: RateRule, retryAfter: number): HttpException {
  const message = rule.message.replace('{wait}', waitText(retryAfter));
  return new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message, retryAfter }, HttpStatus.TOO_MANY_REQUESTS);
}

function waitText(seconds: number): string {
  if (seconds === 1) return '1 second';
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
