/**
 * Tells a single client inflating a link's counts from a real burst: counts the hits of each
 * (address, link) pair in this process's memory over a sliding minute, and says when a hit goes
 * over the limit. Such hits are still redirected; the worker counts them as bots
 * ('rate-limited'). A viral post brings many addresses, each under the limit, so it is never
 * touched.
 *
 * No Redis round trip: with N API replicas behind a load balancer the limit holds per replica
 * (one client spread over N replicas may make up to N × limit hits a minute before it shows).
 * IPv6 clients are counted by their /64 (one subscriber's whole network), IPv4 by address.
 */

export const FLOOD_WINDOW_MS = 60_000;
/** pairs remembered at most; the oldest are forgotten first (an attacker spraying addresses only evicts counters) */
const MAX_PAIRS = 100_000;

interface Window {
  /** start of the current window (the first hit of the pair, then every minute after) */
  start: number;
  current: number;
  previous: number;
}

export class ClickFloodDetector {
  private readonly windows = new Map<string, Window>();

  /** `limit`: hits a minute from one client on one target that still count; 0 turns detection off. */
  constructor(
    private readonly limit: number,
    private readonly maxPairs = MAX_PAIRS,
  ) {}

  /** Records one hit of `address` on `target` (a link id, or a page); true when it is over the limit. */
  isFlood(address: string, target: string, now = Date.now()): boolean {
    if (this.limit === 0) return false;
    const key = `${target} ${clientOf(address)}`;
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

  private evictOldest(): void {
    const oldest = this.windows.keys().next().value;
    if (oldest !== undefined) this.windows.delete(oldest);
  }
}

/** The client an address stands for: an IPv4 address (IPv4-mapped IPv6 included), or an IPv6 /64. */
export function clientOf(address: string): string {
  if (!address.includes(':')) return address;
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:') && lower.includes('.')) return lower.slice(7);
  const zone = lower.indexOf('%');
  const bare = zone === -1 ? lower : lower.slice(0, zone);
  const gap = bare.indexOf('::');
  let groups: string[];
  if (gap === -1) {
    groups = bare.split(':');
  } else {
    const head = bare.slice(0, gap).split(':').filter(Boolean);
    const tail = bare
      .slice(gap + 2)
      .split(':')
      .filter(Boolean);
    groups = [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
