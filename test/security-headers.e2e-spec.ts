import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newCreator } from './support/http-client.js';
import { type RunningApi, startApi } from './support/stack.js';

/*
 * The headers every kind of answer carries: a strict CSP on server-rendered pages (no script at
 * all) and on the dashboard (scripts from its own origin only, none inline), nosniff, framing
 * refused, a Referrer-Policy; no cookie on the redirect or the public page; no CORS anywhere.
 */

const DASHBOARD_DIR = resolve(process.env.DASHBOARD_DIR || 'web/dist');
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A CSP header as directive → sources. */
function policy(header: string | null): Record<string, string[]> {
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  let api: RunningApi;
  let creator: Awaited<ReturnType<typeof newCreator>>;
  let slug: string;

  beforeAll(async () => {
    // the dashboard is served from its build: make one if this checkout has none yet
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { stdio: 'ignore' });
    api = await startApi();
    creator = await newCreator(api.url);
    slug = (await creator.client.post('/api/v1/links', { url: 'https://example.com/', onProfile: true })).body.slug;
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('the public page: no script, no framing, nosniff, a Referrer-Policy, no cookie, no caching', async () => {
    for (const path of [`/@${creator.username}`, '/@nobody_here', '/no-such-slug']) {
      const response = await fetch(`${api.url}${path}`, { headers: { 'user-agent': IPHONE, cookie: 'lp_session=whatever' } });
      expect([200, 404]).toContain(response.status);
      const csp = policy(response.headers.get('content-security-policy'));
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['script-src']).toBeUndefined();
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'none'"]);
      expect(csp['form-action']).toEqual(["'none'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).not.toMatch(/<script|\son[a-z]+=/i);
    }
  });

  it('the redirect: no cookie, not cached, no CORS', async () => {
    const response = await fetch(`${api.url}/${slug}?qr=1`, {
      redirect: 'manual',
      headers: { 'user-agent': IPHONE, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the dashboard: scripts from its own origin only, no inline script in its index.html, framing by itself only', async () => {
    for (const path of ['/app', '/app/', '/app/links/some-id', '/app/settings?tab=tokens']) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status).toBe(200);
      const csp = policy(response.headers.get('content-security-policy'));
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'self'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      expect(csp['object-src'] ?? csp['default-src']).toEqual(["'self'"]);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const assets = readdirSync(join(DASHBOARD_DIR, 'assets'));
    const script = assets.find((name) => name.endsWith('.js'))!;
    const asset = await fetch(`${api.url}/app/assets/${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('web/dist/index.html has no inline script or event handler, and the bundle needs no eval', () => {
    const html = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/app\/assets\/[\w.-]+\.js"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    for (const name of readdirSync(join(DASHBOARD_DIR, 'assets')).filter((n) => n.endsWith('.js'))) {
      const code = readFileSync(join(DASHBOARD_DIR, 'assets', name), 'utf8');
      expect({ name, eval: /\beval\(|new Function\(/.test(code) }).toEqual({ name, eval: false });
    }
  });

  it('every API answer: nosniff, no-referrer, DENY framing, and no CORS, for JSON, CSV, SVG and errors alike', async () => {
    const token = (await creator.client.post('/api/v1/tokens', { name: 'headers' })).body.token;
    const link = (await creator.client.get('/api/v1/links')).body.items[0].id;
    const answers = [
      await fetch(`${api.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' } }),
      await fetch(`${api.url}/api/v1/me`, { headers: { origin: 'https://evil.example' } }),
      await fetch(`${api.url}/api/v1/links/not-an-id`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${api.url}/api/v1/analytics/export.csv`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${api.url}/api/v1/links/${link}/qr.svg`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${api.url}/api/v1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{',
      }),
      await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
      await fetch(`${api.url}/api/docs/openapi.json`),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 404, 200, 200, 400, 404, 200]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // all but the preflight, which matches no route at all (and so gets no CORS either)
    for (const answer of answers.filter((_, i) => i !== 6)) {
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(policy(answers[4].headers.get('content-security-policy'))['default-src']).toEqual(["'none'"]);
  });

  it('no authenticated answer may be stored by a cache: Cache-Control no-store on JSON, CSV, QR codes and errors', async () => {
    const token = (await creator.client.post('/api/v1/tokens', { name: 'no-store' })).body.token;
    const link = (await creator.client.get('/api/v1/links')).body.items[0].id;
    const range = 'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z';
    const paths = [
      '/api/v1/me',
      '/api/v1/tokens',
      '/api/v1/links',
      `/api/v1/links/${link}`,
      `/api/v1/links/${link}/qr.png`,
      '/api/v1/profile',
      '/api/v1/reports',
      '/api/v1/report-schedules',
      `/api/v1/analytics/overview?${range}`,
      `/api/v1/analytics/breakdown?by=source&${range}`,
      '/api/v1/links/not-an-id',
    ];
    for (const path of paths) {
      const answer = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect([path, answer.status < 500]).toEqual([path, true]);
      expect([path, answer.headers.get('cache-control')]).toEqual([path, 'no-store']);
    }
    const session = await creator.client.get('/api/v1/me');
    expect(session.headers.get('cache-control')).toBe('no-store');
  });
});
