/**
 * The live counter: clicks and profile views of the last 30 minutes. Seeded from the overview
 * endpoint for [now − 30 min, now), then kept up by the SSE stream; re-seeded every minute so
 * events older than 30 minutes leave the count. Events are deduplicated by id.
 */
import { api } from '../api/client';
import type { LiveEvent } from '../api/types';
import { autoRefresh } from './auto-refresh.svelte';

export const LIVE_WINDOW_MS = 30 * 60_000;
const RESEED_MS = 60_000;
const RECONNECT_MS = 15_000;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export class LiveFeed {
  seedClicks = $state<number | null>(null);
  seedViews = $state<number | null>(null);
  /** events that arrived on the stream, newest first (kept for the activity list) */
  events = $state<LiveEvent[]>([]);
  status = $state<LiveStatus>('connecting');
  /** the last seeding request failed (the count is then unknown, not zero) */
  seedFailed = $state(false);
  #seededAt = $state(0);

  clicks = $derived(
    this.seedClicks === null
      ? null
      : this.seedClicks + this.events.filter((e) => e.kind === 'click' && Date.parse(e.at) >= this.#seededAt).length,
  );
  views = $derived(
    this.seedViews === null
      ? null
      : this.seedViews + this.events.filter((e) => e.kind === 'view' && Date.parse(e.at) >= this.#seededAt).length,
  );

  #source: EventSource | null = null;
  #timers: ReturnType<typeof setTimeout>[] = [];
  #seen = new Set<string>();
  #seedController: AbortController | null = null;
  #stopped = false;

  readonly linkId: string | null;
  readonly tz: string;

  constructor(linkId: string | null, tz: string) {
    this.linkId = linkId;
    this.tz = tz;
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
    this.#seed();
    this.#timers.push(setInterval(() => this.#seed(), RESEED_MS));
  }

  stop(): void {
    this.#stopped = true;
    this.#source?.close();
    this.#source = null;
    this.#seedController?.abort();
    this.#timers.forEach((t) => clearTimeout(t));
    this.#timers = [];
  }

  async #seed(): Promise<void> {
    this.#seedController?.abort();
    const controller = new AbortController();
    this.#seedController = controller;
    const to = Date.now();
    try {
      const o = await api.analytics.overview(
        {
          from: new Date(to - LIVE_WINDOW_MS).toISOString(),
          to: new Date(to).toISOString(),
          tz: this.tz,
          linkId: this.linkId,
        },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      this.#seededAt = to;
      this.seedFailed = false;
      this.seedClicks = o.clicks.value;
      this.seedViews = o.profileViews.value;
      this.events = this.events.filter((e) => Date.parse(e.at) >= to - LIVE_WINDOW_MS).slice(0, 50);
    } catch (err) {
      // keep the previous seed if there is one; without any, say the count is unavailable
      if (!controller.signal.aborted && !(err instanceof DOMException && err.name === 'AbortError')) this.seedFailed = true;
    }
  }

  #connect(): void {
    if (this.#stopped) return;
    this.status = this.#source ? 'reconnecting' : 'connecting';
    const source = new EventSource(api.analytics.liveUrl(this.linkId));
    this.#source = source;
    source.onopen = () => (this.status = 'live');
    source.onmessage = (msg) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(msg.data) as LiveEvent;
      } catch {
        return;
      }
      if (!event?.id || this.#seen.has(event.id)) return;
      if (this.linkId && event.kind === 'click' && event.linkId !== this.linkId) return;
      if (this.linkId && event.kind === 'view') return;
      this.#seen.add(event.id);
      this.events = [event, ...this.events].slice(0, 200);
      autoRefresh.activity();
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // the server refused the stream (or is gone): try again later ourselves
        this.status = 'offline';
        source.close();
        this.#timers.push(setTimeout(() => this.#connect(), RECONNECT_MS));
      } else {
        this.status = 'reconnecting';
      }
    };
  }
}
