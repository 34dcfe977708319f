/**
 * A small history router for everything under /app. The location is runes state; pages read
 * `router.path`, `router.query` and react. Same-origin <a href="/app/..."> clicks are handled
 * globally (see `interceptLinks`), so components use plain anchors.
 */

export const BASE = '/app';

export interface Route {
  pattern: string;
  /** names of `:params` in order */
  keys: string[];
  regex: RegExp;
}

export function compileRoute(pattern: string): Route {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((seg) => {
      if (seg.startsWith(':')) {
        keys.push(seg.slice(1));
        return '([^/]+)';
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { pattern, keys, regex: new RegExp(`^${source}/?$`) };
}

export function matchRoute(route: Route, path: string): Record<string, string> | null {
  const m = route.regex.exec(path);
  if (!m) return null;
  const params: Record<string, string> = {};
  route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
  return params;
}

function appPath(pathname: string): string {
  if (pathname === BASE || pathname === `${BASE}/`) return '/';
  return pathname.startsWith(`${BASE}/`) ? pathname.slice(BASE.length).replace(/\/+$/, '') || '/' : pathname;
}

class Router {
  /** the path inside the app: '/', '/links', '/links/abc' */
  path = $state(appPath(location.pathname));
  search = $state(location.search);
  query = $derived(new URLSearchParams(this.search));

  constructor() {
    addEventListener('popstate', () => this.#sync());
  }

  #sync(): void {
    this.path = appPath(location.pathname);
    this.search = location.search;
  }

  /** '/links' → '/app/links' (query kept as given) */
  href(path: string, query?: URLSearchParams | string): string {
    const q = typeof query === 'string' ? query : query?.toString();
    const p = path === '/' ? `${BASE}/` : BASE + path;
    return q ? `${p}${q.startsWith('?') ? q : `?${q}`}` : p;
  }

  /** Go to an app path ('/links?x=1') or a full '/app/...' URL. */
  navigate(to: string, opts: { replace?: boolean } = {}): void {
    const url = new URL(to.startsWith(BASE) ? to : this.href(to), location.origin);
    const samePath = appPath(url.pathname) === this.path;
    if (url.pathname + url.search === location.pathname + location.search) return;
    history[opts.replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
    this.#sync();
    if (!samePath) scrollTo({ top: 0 });
  }

  /** Replace some query parameters of the current path; null removes one. */
  setQuery(changes: Record<string, string | null>, opts: { replace?: boolean } = {}): void {
    const q = new URLSearchParams(this.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') q.delete(k);
      else q.set(k, v);
    }
    q.sort();
    this.navigate(this.href(this.path, q), opts);
  }
}

export const router = new Router();

/** Route same-origin /app links through the router instead of reloading the page. */
export function interceptLinks(root: HTMLElement | Document = document): () => void {
  const onClick = (event: Event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.hasAttribute('download') || (a.target && a.target !== '_self') || a.dataset.native !== undefined) return;
    const href = a.getAttribute('href');
    if (!href || !href.startsWith(BASE)) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    router.navigate(url.pathname + url.search);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
