import { classifyBot, clientNetwork, LruCache } from '@app/enrichment';

/**
 * Tells a single client inflating a link's counts from a real burst: counts the human-looking hits
 * of each (client, link) pair in this process's memory over a sliding minute, and says when a hit
 * goes over the limit. Such hits are still redirected; the worker counts them as bots
 * ('rate-limited'). A viral post brings many addresses, each under the limit, so it is never
 * touched.
 *
 * Hits whose user agent is a bot's are not counted at all: the worker counts them as bots anyway,
 * and counting them would let 31 crawler hits from a carrier NAT or an office turn the next real
 * visitor behind it into a "flood".
 *
 * No Redis round trip: with N API replicas behind a load balancer the limit holds per replica
 * (one client spread over N replicas may make up to N × limit hits a minute before it shows).
 * IPv4 clients are counted by address, IPv6 clients by their /48 (`clientNetwork`): a subscriber
 * is usually given a /56 or a /48, so 40 addresses of one /48 are one client here.
 */

export const FLOOD_WINDOW_MS = 60_000;
/** pairs remembered at most; the oldest are forgotten first (an attacker spraying addresses only evicts counters) */
const MAX_PAIRS = 100_000;
/** IPv6 clients are grouped by this prefix */
export const FLOOD_IPV6_PREFIX_BITS = 48;
/** user agents whose bot verdict is remembered (a few distinct ones make most of the traffic) */
const USER_AGENT_VERDICTS = 2_000;

interface Window {
  /** start of the current window (the first hit of the pair, then every minute after) */
  start: number;
  current: number;
  previous: number;
}

export class ClickFloodDetector {
  private readonly windows = new Map<string, Window>();
  private readonly botLike = new LruCache<string, boolean>(USER_AGENT_VERDICTS);

  /** `limit`: hits a minute from one client on one target that still count; 0 turns detection off. */
  constructor(
    private readonly limit: number,
    private readonly maxPairs = MAX_PAIRS,
  ) {}

  /**
   * Records one hit of `address` with `userAgent` on `target` (a link id, or a page); true when it
   * is over the limit. A bot's hit is not counted, and never called a flood (it is a bot hit already).
   */
  isFlood(address: string, userAgent: string, target: string, now = Date.now()): boolean {
    if (this.limit === 0 || this.isBotLike(userAgent)) return false;
    const key = `${target} ${clientNetwork(address, FLOOD_IPV6_PREFIX_BITS) ?? address}`;
    let window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= this.maxPairs) this.evictOldest();
      window = { start: now, current: 0, previous: 0 };
      this.windows.set(key, window);
    } else if (now - window.start >= 2 * FLOOD_WINDOW_MS) {
      window.start = now;
      window.previous = 0;
      window.current = 0;
    } else if (now - window.start >= FLOOD_WINDOW_MS) {
      window.start += FLOOD_WINDOW_MS;
      window.previous = window.current;
      window.current = 0;
    }
    window.current++;
    // the sliding minute: this window's hits plus the part of the previous one it still overlaps
    const overlap = 1 - (now - window.start) / FLOOD_WINDOW_MS;
    return window.current + window.previous * overlap > this.limit;
  }

  /** Pairs currently remembered. */
  get size(): number {
    return this.windows.size;
  }

  /** Forgets pairs that have been quiet for two windows (called every minute). */
  sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= 2 * FLOOD_WINDOW_MS) this.windows.delete(key);
    }
  }

  private isBotLike(userAgent: string): boolean {
    let verdict = this.botLike.get(userAgent);
    if (verdict === undefined) {
      verdict = classifyBot(userAgent).isBot;
      this.botLike.set(userAgent, verdict);
    }
    return verdict;
  }

  private evictOldest(): void {
    const oldest = this.windows.keys().next().value;
    if (oldest !== undefined) this.windows.delete(oldest);
  }
}
