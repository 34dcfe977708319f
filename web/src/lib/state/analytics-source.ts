import { getContext, setContext } from 'svelte';
import { api, type AnalyticsSource } from '../api/client';

const KEY = Symbol('analytics-source');

/** The creator's own analytics API: what the panels read unless a page provides another source. */
export const OWN_ANALYTICS: AnalyticsSource = { ...api.analytics, opensLinks: true };

/** Makes the panels below this component read from `source` (a shared dashboard). */
export function provideAnalyticsSource(source: AnalyticsSource): void {
  setContext(KEY, source);
}

/** The source of the panels (call during component initialisation). */
export function analyticsSource(): AnalyticsSource {
  return getContext<AnalyticsSource | undefined>(KEY) ?? OWN_ANALYTICS;
}
