/**
 * The numbers of a view that includes now keep up on their own: every minute, and a moment after
 * the live stream reports a click or a view, the analytics panels load again — quietly, keeping
 * the numbers they show until the new ones are in (no skeleton, no dimming). Nothing is loaded
 * while the tab is hidden; a refresh missed meanwhile happens as soon as the tab is seen again.
 */
import { tick } from 'svelte';
import { range } from './range.svelte';

const EVERY_MS = 60_000;
/** clicks often come in bursts (a story goes out): one refresh for the burst */
const AFTER_ACTIVITY_MS = 1_500;

class AutoRefresh {
  /** bumped on every refresh: the panels read it, so they load again */
  revision = $state(0);
  /** true while the panels start a refresh that should not show as loading (read untracked) */
  quiet = false;
  #due = false;
  #lastAt = Date.now();
  #activity: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    setInterval(() => this.#request(), EVERY_MS);
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && (this.#due || Date.now() - this.#lastAt >= EVERY_MS)) void this.#run();
    });
  }

  /** The live stream saw a click or view of this view's creator or link. */
  activity(): void {
    if (this.#activity) return;
    if (document.hidden) {
      this.#due = true;
      return;
    }
    this.#activity = setTimeout(() => {
      this.#activity = null;
      this.#request();
    }, AFTER_ACTIVITY_MS);
  }

  #request(): void {
    if (document.hidden) this.#due = true;
    else void this.#run();
  }

  async #run(): Promise<void> {
    this.#due = false;
    this.#lastAt = Date.now();
    this.quiet = true;
    range.refresh();
    if (range.includesNow) this.revision += 1;
    // the panels' effects start their requests within this tick
    await tick();
    this.quiet = false;
  }
}

export const autoRefresh = new AutoRefresh();
