/** Who is signed in. Loaded once at start; the API client reports expired sessions here. */
import { api, ApiError, setUnauthorizedHandler } from '../api/client';
import type { Me } from '../api/types';
import { router } from './router.svelte';

export const PUBLIC_PATHS = ['/login', '/signup'];

class Session {
  me = $state<Me | null>(null);
  status = $state<'unknown' | 'loading' | 'signed-in' | 'signed-out' | 'error'>('unknown');
  error = $state<string | null>(null);

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      this.me = await api.me.get();
      this.status = 'signed-in';
    } catch (err) {
      this.me = null;
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        this.status = 'signed-out';
      } else {
        this.status = 'error';
        this.error = err instanceof Error ? err.message : String(err);
      }
    }
  }

  signedIn(me: Me): void {
    this.me = me;
    this.status = 'signed-in';
    this.error = null;
  }

  signedOut(): void {
    this.me = null;
    this.status = 'signed-out';
  }

  /** Send the user to the login form, remembering where they were. */
  toLogin(): void {
    this.signedOut();
    if (PUBLIC_PATHS.includes(router.path)) return;
    const here = router.path + router.search;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    router.navigate(`/login${next}`, { replace: true });
  }

  async logout(): Promise<void> {
    try {
      await api.auth.logout();
    } finally {
      this.signedOut();
      router.navigate('/login');
    }
  }
}

export const session = new Session();
setUnauthorizedHandler(() => session.toLogin());
