/**
 * What the analytics pages show — range, comparison, time zone, chart interval and metric,
 * drill-down filters — kept in the URL query string so a view can be bookmarked and shared:
 *   /app?range=30d&compare=off&source=instagram&country=DE
 *   /app/links/abc?range=custom&from=2026-01-01&to=2026-01-31&tz=Asia/Kolkata
 */
import { FILTER_KEYS, type AnalyticsQuery, type FilterKey, type Filters } from '../api/client';
import type { TimeseriesInterval } from '../api/types';
import { browserTimeZone, isValidTimeZone, type CalendarDate, formatIsoDate } from '../format/time';
import {
  allowedIntervals,
  defaultInterval,
  DEFAULT_PRESET,
  nowMinute,
  parseCustom,
  parsePreset,
  rangeLabel,
  resolveRange,
  type Preset,
} from './ranges';
import { router } from './router.svelte';
import { session } from './session.svelte';

export type ChartMetric = 'clicks' | 'profileViews' | 'botHits';
const METRICS: ChartMetric[] = ['clicks', 'profileViews', 'botHits'];

/** the query keys that belong to the analytics view (kept when moving between overview and a link) */
export const VIEW_KEYS = ['range', 'from', 'to', 'compare', 'tz', 'interval', 'metric', ...FILTER_KEYS];

class RangeState {
  /** the instant "now" as of the last change of range or refresh (to the minute) */
  now = $state(nowMinute());

  preset: Preset = $derived(parsePreset(router.query.get('range')));
  custom = $derived(parseCustom(router.query.get('from'), router.query.get('to')));
  compare = $derived(router.query.get('compare') !== 'off');
  /** the zone of the view: ?tz=, else the creator's, else the browser's */
  tz = $derived.by(() => {
    const fromUrl = router.query.get('tz');
    if (isValidTimeZone(fromUrl)) return fromUrl;
    const mine = session.me?.timezone;
    return isValidTimeZone(mine) ? mine : browserTimeZone();
  });
  tzOverridden = $derived(isValidTimeZone(router.query.get('tz')));
  #since = $derived(session.me ? Date.parse(session.me.createdAt) : null);
  resolved = $derived(resolveRange(this.preset, this.custom, this.now, this.tz, this.#since));
  /** "All time" of an account older than the longest range a view can show */
  allTimeCut = $derived(this.preset === 'all' && this.#since !== null && this.resolved.from > this.#since);
  /** the view ends now or later: its numbers still change */
  includesNow = $derived(this.resolved.to >= this.now);
  label = $derived(rangeLabel(this.resolved, this.tz));
  intervals = $derived(allowedIntervals(this.resolved));
  interval: TimeseriesInterval = $derived.by(() => {
    const asked = router.query.get('interval') as TimeseriesInterval | null;
    return asked && this.intervals.includes(asked) ? asked : defaultInterval(this.preset, this.resolved);
  });
  metric: ChartMetric = $derived.by(() => {
    const m = router.query.get('metric') as ChartMetric | null;
    return m && METRICS.includes(m) ? m : 'clicks';
  });
  /**
   * The API query for the current view (the page adds linkId). Derived through a string so that
   * unrelated URL changes (chart metric, interval) hand pages the same object and refetch nothing.
   */
  #queryKey = $derived.by(() => {
    const filters: Filters = {};
    for (const key of FILTER_KEYS) {
      const v = router.query.get(key);
      if (v) filters[key] = v;
    }
    return JSON.stringify({
      from: new Date(this.resolved.from).toISOString(),
      to: new Date(this.resolved.to).toISOString(),
      tz: this.tz,
      compare: this.compare,
      filters,
    } satisfies AnalyticsQuery);
  });
  query: AnalyticsQuery = $derived(JSON.parse(this.#queryKey));
  filters: Filters = $derived(this.query.filters ?? {});
  filterList = $derived(Object.entries(this.filters) as [FilterKey, string][]);

  refresh(): void {
    this.now = nowMinute();
  }

  setPreset(preset: Preset): void {
    this.refresh();
    router.setQuery({ range: preset === DEFAULT_PRESET ? null : preset, from: null, to: null, interval: null });
  }

  setCustom(from: CalendarDate, to: CalendarDate): void {
    this.refresh();
    router.setQuery({ range: 'custom', from: formatIsoDate(from), to: formatIsoDate(to), interval: null });
  }

  setCompare(on: boolean): void {
    router.setQuery({ compare: on ? null : 'off' }, { replace: true });
  }

  setInterval(interval: TimeseriesInterval): void {
    router.setQuery({ interval }, { replace: true });
  }

  setMetric(metric: ChartMetric): void {
    router.setQuery({ metric: metric === 'clicks' ? null : metric }, { replace: true });
  }

  setTz(tz: string | null): void {
    router.setQuery({ tz: tz && tz !== session.me?.timezone ? tz : null });
  }

  addFilter(key: FilterKey, value: string): void {
    router.setQuery({ [key]: value });
  }

  removeFilter(key: FilterKey): void {
    router.setQuery({ [key]: null });
  }

  clearFilters(): void {
    router.setQuery(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
  }

  /** the view's query string, to carry it to another analytics page */
  viewQuery(): URLSearchParams {
    const q = new URLSearchParams();
    for (const key of VIEW_KEYS) {
      const v = router.query.get(key);
      if (v) q.set(key, v);
    }
    return q;
  }
}

export const range = new RangeState();
