/**
 * The one typed client of the Linkpulse API. Same origin, session cookie; every write carries
 * `X-Requested-With: linkpulse` (the API's CSRF check). A 401 outside the auth forms sends the
 * user to the login page through the handler the session registers.
 */
import type {
  ApiErrorBody,
  ApiToken,
  BreakdownDimension,
  BreakdownResponse,
  CreatedApiToken,
  CreatedPublishableKey,
  FunnelResponse,
  FunnelStep,
  ImportJob,
  Items,
  JourneysResponse,
  Link,
  LinkInput,
  LinkListQuery,
  LinkPage,
  LinkPatch,
  ListedLink,
  Me,
  OverviewResponse,
  PathsResponse,
  Profile,
  ProfileInput,
  PublishableKey,
  Report,
  Share,
  SharedDashboard,
  ReportSchedule,
  ReportScheduleInput,
  SegmentDimension,
  SegmentsResponse,
  TimePatternsResponse,
  TimeseriesInterval,
  TimeseriesResponse,
} from './types';
import { FILTER_DIMENSIONS, LINK_PAGE_SIZE } from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly retryAfter: number | null = null,
  ) {
    super(messages.join(' '));
    this.name = 'ApiError';
  }
}

/** A readable message for anything a request can throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

let onUnauthorized: () => void = () => {};
/** Called by the session state: what to do when the API says the session is gone. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

interface RequestOptions {
  body?: unknown;
  /** a CSV file's text, sent as text/csv instead of a JSON body */
  csv?: string;
  query?: URLSearchParams | Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** false for the login/signup forms, where 401 means "wrong password", not "session expired" */
  redirectOn401?: boolean;
}

export function toQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params =
    query instanceof URLSearchParams
      ? query
      : new URLSearchParams(
          Object.entries(query)
            .filter(([, v]) => v !== undefined && v !== null && v !== '')
            .map(([k, v]) => [k, String(v)]),
        );
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-Requested-With'] = 'linkpulse';
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  } else if (opts.csv !== undefined) {
    headers['Content-Type'] = 'text/csv';
    body = opts.csv;
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path + toQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, ["Can't reach the Linkpulse server. Check your connection and try again."]);
  }
  if (res.status === 401 && opts.redirectOn401 !== false) onUnauthorized();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  const retry = res.headers.get('Retry-After');
  const retryAfter = retry && /^\d+$/.test(retry) ? Number(retry) : null;
  let messages: string[] = [];
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    const m = body.message;
    messages = Array.isArray(m) ? m.map(String) : m ? [String(m)] : body.error ? [body.error] : [];
  } catch {
    // not JSON: a proxy page, or the API is not there yet
  }
  if (messages.length === 0) {
    messages = [
      res.status === 404
        ? 'Not found.'
        : res.status >= 500
          ? `The server had a problem (${res.status}). Try again in a moment.`
          : `Request failed (${res.status} ${res.statusText}).`,
    ];
  }
  return new ApiError(res.status, messages, retryAfter);
}

// ---------------------------------------------------------------------------------------------

/** Drill-down filters the analytics endpoints accept, by their query parameter name. */
export const FILTER_KEYS = FILTER_DIMENSIONS;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export interface AnalyticsQuery {
  from: string;
  to: string;
  tz: string;
  linkId?: string | null;
  compare?: boolean;
  filters?: Filters;
}

export function analyticsParams(q: AnalyticsQuery, extra: Record<string, string | number> = {}): URLSearchParams {
  const p = rangeParams(q, extra);
  if (q.linkId) p.set('linkId', q.linkId);
  if (q.compare) p.set('compare', 'previous');
  for (const key of FILTER_KEYS) {
    const v = q.filters?.[key];
    if (v) p.set(key, v);
  }
  return p;
}

/** Journeys take a range and a zone only: a visit is a whole path, not cut by link or filter. */
function rangeParams(q: AnalyticsQuery, extra: Record<string, string | number> = {}): URLSearchParams {
  const p = new URLSearchParams({ from: q.from, to: q.to, tz: q.tz });
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p;
}

type Signal = { signal?: AbortSignal };

/**
 * Where the analytics panels get their numbers: the creator's own API, or a shared dashboard's.
 * `exportUrl` null: no CSV export; `opensLinks` false: a link's row does not lead to its page.
 */
export interface AnalyticsSource {
  overview(q: AnalyticsQuery, o?: Signal): Promise<OverviewResponse>;
  timeseries(q: AnalyticsQuery, interval: TimeseriesInterval, o?: Signal): Promise<TimeseriesResponse>;
  breakdown(q: AnalyticsQuery, by: BreakdownDimension, limit: number, o?: Signal): Promise<BreakdownResponse>;
  timePatterns(q: AnalyticsQuery, o?: Signal): Promise<TimePatternsResponse>;
  /** what visits did: the creator's own analytics only (a shared dashboard has no visits) */
  segments?(q: AnalyticsQuery, by: SegmentDimension | null, o?: Signal): Promise<SegmentsResponse>;
  exportUrl: ((q: AnalyticsQuery) => string) | null;
  opensLinks: boolean;
}

export const api = {
  auth: {
    signup: (input: { email: string; password: string; username: string }) =>
      request<{ creator: Me }>('POST', '/auth/signup', { body: input, redirectOn401: false }),
    login: (input: { email: string; password: string }) =>
      request<{ creator: Me }>('POST', '/auth/login', { body: input, redirectOn401: false }),
    logout: () => request<void>('POST', '/auth/logout', { redirectOn401: false }),
  },
  me: {
    /** redirectOn401 off: the boot check decides itself where an anonymous visitor goes */
    get: (o: Signal = {}) => request<Me>('GET', '/me', { ...o, redirectOn401: false }),
    update: (patch: Partial<Pick<Me, 'timezone' | 'email' | 'username'>> & { currentPassword?: string }) =>
      request<Me>('PATCH', '/me', { body: patch }),
    delete: (password: string) => request<void>('DELETE', '/me', { body: { password }, redirectOn401: false }),
  },
  links: {
    list: (query: LinkListQuery, o: Signal = {}) => request<LinkPage>('GET', '/links', { ...o, query: { ...query } }),
    /** Every link that is not archived, newest first, page after page (for pickers and the profile editor). */
    all: async (o: Signal = {}): Promise<Items<ListedLink>> => {
      const items: ListedLink[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.links.list({ limit: LINK_PAGE_SIZE.max, cursor }, o);
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return { items };
    },
    get: (id: string, o: Signal = {}) => request<Link>('GET', `/links/${encodeURIComponent(id)}`, o),
    create: (input: LinkInput) => request<Link>('POST', '/links', { body: input }),
    update: (id: string, patch: LinkPatch) => request<Link>('PATCH', `/links/${encodeURIComponent(id)}`, { body: patch }),
    delete: (id: string) => request<void>('DELETE', `/links/${encodeURIComponent(id)}`),
    qrUrl: (id: string, format: 'svg' | 'png', download = false) =>
      `${API_BASE}/links/${encodeURIComponent(id)}/qr.${format}${download ? '?download=1' : ''}`,
  },
  imports: {
    upload: (csv: string, filename: string) => request<ImportJob>('POST', '/imports', { csv, query: { filename } }),
    get: (id: string, o: Signal = {}) => request<ImportJob>('GET', `/imports/${encodeURIComponent(id)}`, o),
  },
  profile: {
    get: (o: Signal = {}) => request<Profile>('GET', '/profile', o),
    put: (input: ProfileInput) => request<Profile>('PUT', '/profile', { body: input }),
    uploadAvatar: (image: string) => request<Profile>('PUT', '/profile/avatar', { body: { image } }),
  },
  tokens: {
    list: (o: Signal = {}) => request<Items<ApiToken>>('GET', '/tokens', o),
    create: (name: string) => request<CreatedApiToken>('POST', '/tokens', { body: { name } }),
    delete: (id: string) => request<void>('DELETE', `/tokens/${encodeURIComponent(id)}`),
  },
  analytics: {
    overview: (q: AnalyticsQuery, o: Signal = {}) =>
      request<OverviewResponse>('GET', '/analytics/overview', { ...o, query: analyticsParams(q) }),
    timeseries: (q: AnalyticsQuery, interval: TimeseriesInterval, o: Signal = {}) =>
      request<TimeseriesResponse>('GET', '/analytics/timeseries', {
        ...o,
        query: analyticsParams(q, { interval }),
      }),
    breakdown: (q: AnalyticsQuery, by: BreakdownDimension, limit: number, o: Signal = {}) =>
      request<BreakdownResponse>('GET', '/analytics/breakdown', {
        ...o,
        query: analyticsParams(q, { by, limit }),
      }),
    timePatterns: (q: AnalyticsQuery, o: Signal = {}) =>
      request<TimePatternsResponse>('GET', '/analytics/time-patterns', { ...o, query: analyticsParams(q) }),
    funnel: (q: AnalyticsQuery, steps: FunnelStep[], by: BreakdownDimension | null, limit: number, o: Signal = {}) =>
      request<FunnelResponse>('GET', '/analytics/funnel', {
        ...o,
        query: analyticsParams(q, { steps: steps.join(','), limit, ...(by ? { by } : {}) }),
      }),
    journeys: (q: AnalyticsQuery, limit: number, cursor: string | null, o: Signal = {}) =>
      request<JourneysResponse>('GET', '/analytics/journeys', {
        ...o,
        query: rangeParams(q, { limit, ...(cursor ? { cursor } : {}) }),
      }),
    paths: (q: AnalyticsQuery, limit: number, o: Signal = {}) =>
      request<PathsResponse>('GET', '/analytics/paths', { ...o, query: rangeParams(q, { limit }) }),
    segments: (q: AnalyticsQuery, by: SegmentDimension | null, o: Signal = {}) =>
      request<SegmentsResponse>('GET', '/analytics/segments', {
        ...o,
        query: rangeParams(q, { ...(q.compare ? { compare: 'previous' } : {}), ...(by ? { by, limit: 6 } : {}) }),
      }),
    exportUrl: (q: AnalyticsQuery) => `${API_BASE}/analytics/export.csv?${analyticsParams({ ...q, compare: false })}`,
    conversionsExportUrl: (q: AnalyticsQuery) =>
      `${API_BASE}/analytics/conversions.csv?${analyticsParams({ ...q, compare: false })}`,
    liveUrl: (linkId?: string | null) => `${API_BASE}/analytics/live${toQuery({ linkId })}`,
  },
  publishableKeys: {
    list: (o: Signal = {}) => request<Items<PublishableKey>>('GET', '/publishable-keys', o),
    create: (input: { name: string; allowedOrigins: string[] }) =>
      request<CreatedPublishableKey>('POST', '/publishable-keys', { body: input }),
    delete: (id: string) => request<void>('DELETE', `/publishable-keys/${encodeURIComponent(id)}`),
  },
  reports: {
    list: (o: Signal = {}) => request<Items<Report>>('GET', '/reports', o),
    create: (input: { from: string; to: string; tz: string; linkId?: string }) =>
      request<{ id: string; status: Report['status'] }>('POST', '/reports', { body: input }),
    downloadUrl: (id: string) => `${API_BASE}/reports/${encodeURIComponent(id)}`,
  },
  shares: {
    list: (o: Signal = {}) => request<Items<Share>>('GET', '/shares', o),
    create: (input: { linkId?: string; password?: string; expiresAt?: string }) =>
      request<Share>('POST', '/shares', { body: input }),
    delete: (id: string) => request<void>('DELETE', `/shares/${encodeURIComponent(id)}`),
  },
  /** A shared dashboard, read signed out: a 401 there means "give the password", never "sign in". */
  shared: {
    get: (token: string, o: Signal = {}) =>
      request<SharedDashboard>('GET', `/shared/${encodeURIComponent(token)}`, { ...o, redirectOn401: false }),
    unlock: (token: string, password: string) =>
      request<void>('POST', `/shared/${encodeURIComponent(token)}/unlock`, { body: { password }, redirectOn401: false }),
    /** The analytics calls of the dashboard, answered through the share. */
    analytics: (token: string): AnalyticsSource => {
      const base = `/shared/${encodeURIComponent(token)}`;
      const get = <T>(path: string, query: URLSearchParams, o: Signal) =>
        request<T>('GET', base + path, { ...o, query, redirectOn401: false });
      return {
        overview: (q, o = {}) => get('/overview', analyticsParams(q), o),
        timeseries: (q, interval, o = {}) => get('/timeseries', analyticsParams(q, { interval }), o),
        breakdown: (q, by, limit, o = {}) => get('/breakdown', analyticsParams(q, { by, limit }), o),
        timePatterns: (q, o = {}) => get('/time-patterns', analyticsParams(q), o),
        exportUrl: null,
        opensLinks: false,
      };
    },
  },
  schedules: {
    list: (o: Signal = {}) => request<Items<ReportSchedule>>('GET', '/report-schedules', o),
    create: (input: ReportScheduleInput) => request<ReportSchedule>('POST', '/report-schedules', { body: input }),
    delete: (id: string) => request<void>('DELETE', `/report-schedules/${encodeURIComponent(id)}`),
  },
};
