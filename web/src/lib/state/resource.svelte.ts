/**
 * One piece of remote data with its loading and error state. `run` aborts the previous request,
 * so a fast succession of range changes never shows an older answer over a newer one. A quiet
 * run (a refresh nobody asked for) shows no loading state and, if it fails, keeps what was shown.
 */
import { untrack } from 'svelte';
import { ApiError, errorMessage, isAbort } from '../api/client';

export class Resource<T> {
  data = $state.raw<T | undefined>(undefined);
  error = $state<string | null>(null);
  status = $state<number | null>(null);
  loading = $state(false);
  #controller: AbortController | null = null;

  constructor(initial?: T) {
    this.data = initial;
  }

  async run(fetcher: (signal: AbortSignal) => Promise<T>, opts: { keepData?: boolean; quiet?: boolean } = {}): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    // read untracked: the effect that calls `run` must not depend on what the run changes
    const quiet = opts.quiet === true && untrack(() => this.data !== undefined && this.error === null);
    if (!quiet) {
      this.loading = true;
      this.error = null;
      this.status = null;
    }
    if (opts.keepData === false) this.data = undefined;
    try {
      const data = await fetcher(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
    } catch (err) {
      if (isAbort(err) || controller.signal.aborted || quiet) return;
      this.error = errorMessage(err);
      this.status = err instanceof ApiError ? err.status : null;
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  abort(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.loading = false;
  }
}
