/**
 * Visual review of the dashboard: screenshots of every page at 1280 px and 375 px, light and dark.
 *
 *   npm run build:web && npx vite preview --config web/vite.config.ts --port 4173 &
 *   node web/scripts/visual-check.mjs [--base http://localhost:4173] [--out /tmp/linkpulse-shots] [--no-mock]
 *        [--login demo@linkpulse.local:demo-password] [--only overview,links,scenes] [--parts]
 *
 * With the default --mock, the browser's /api/v1 requests are answered by the fixtures below so
 * the panels can be looked at before a backend exists. The fixtures live only in this script —
 * they are never part of the built dashboard, which shows nothing but what the API returns.
 * Against a real API (`--no-mock --login email:password`, e.g. `npm run demo` and the API's own
 * /app), the script signs in through the form first and shows real data.
 * Console errors, pages wider than the viewport and failed interactions are printed at the end.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const BASE = opt('base', 'http://localhost:4173');
const OUT = opt('out', '/tmp/linkpulse-shots');
const MOCK = !args.includes('--no-mock');
const ONLY = opt('only', null);
const LOGIN = opt('login', null);

async function signIn(ctx) {
  if (!LOGIN) return;
  const [email, ...rest] = LOGIN.split(':');
  const page = await ctx.newPage();
  await page.goto(`${BASE}/app/login`, { waitUntil: 'networkidle' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(rest.join(':'));
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  await page.close();
}
mkdirSync(OUT, { recursive: true });

// ------------------------------------------------------------------ fixtures (review only)
const TZ = 'Europe/Berlin';
const me = { id: 'c1', email: 'maya@example.com', username: 'mayamakes', timezone: TZ, createdAt: '2025-01-10T09:00:00Z' };
const mkLink = (id, slug, url, title, extra = {}) => ({
  id, slug, url, title, onProfile: true, expiresAt: null, fallbackUrl: null, tags: [], archived: false,
  createdAt: '2025-11-02T10:00:00Z', updatedAt: '2025-11-02T10:00:00Z', shortUrl: `http://localhost:3000/${slug}`, ...extra,
});
const links = [
  mkLink('l1', 'shop', 'https://shop.mayamakes.com/?utm_source=instagram&utm_medium=social', 'My ceramics shop', { tags: ['shop'] }),
  mkLink('l2', 'yt-wheel', 'https://www.youtube.com/watch?v=abc123', 'Throwing on the wheel (video)', { tags: ['video'] }),
  mkLink('l3', 'spring', 'https://shop.mayamakes.com/spring', 'Spring drop — 20% off', { expiresAt: new Date(Date.now() + 9 * 864e5).toISOString(), fallbackUrl: 'https://shop.mayamakes.com' }),
  mkLink('l4', 'newsletter', 'https://mayamakes.substack.com', 'Studio newsletter', { onProfile: false }),
  mkLink('l5', 'Xq7bT2a', 'https://www.etsy.com/shop/mayamakes', null),
  mkLink('l6', 'podcast', 'https://open.spotify.com/episode/xyz', 'Podcast interview', { expiresAt: new Date(Date.now() - 3 * 864e5).toISOString() }),
];

function seeded(seed) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}
function metric(value, previous, cmp) {
  return cmp ? { value, previous, change: previous ? (value - previous) / previous : null } : { value };
}
function overview(q) {
  const days = Math.max(1, (Date.parse(q.get('to')) - Date.parse(q.get('from'))) / 864e5);
  const cmp = q.get('compare') === 'previous';
  const f = q.get('source') || q.get('country') ? 0.31 : 1;
  const link = q.get('linkId') ? 0.4 : 1;
  const c = Math.round(days * 212 * f * link);
  const v = Math.round(days * 133 * f);
  const range = { from: q.get('from'), to: q.get('to'), tz: q.get('tz'), linkId: q.get('linkId') };
  return {
    range, clicks: metric(c, Math.round(c * 0.84), cmp), profileViews: metric(v, Math.round(v * 1.07), cmp),
    uniqueVisitors: metric(Math.round(c * 0.71), Math.round(c * 0.66), cmp),
    ctr: cmp ? { value: 0.412, previous: 0.377, change: 0.093 } : { value: 0.412 },
    botHits: metric(Math.round(days * 37), Math.round(days * 41), cmp),
  };
}
function timeseries(q) {
  const interval = q.get('interval');
  const step = { hour: 36e5, day: 864e5, week: 7 * 864e5, month: 30.44 * 864e5 }[interval];
  const from = Date.parse(q.get('from'));
  const to = Date.parse(q.get('to'));
  const rnd = seeded(7);
  const mk = (t, scale) => {
    const d = new Date(t);
    const hour = (d.getUTCHours() + 1) % 24;
    const base = interval === 'hour' ? 2 + 14 * Math.max(0, Math.sin(((hour - 6) / 24) * Math.PI * 2) + 0.4) : interval === 'day' ? 160 + 70 * Math.sin(t / 864e5 / 3.5) : interval === 'week' ? 1400 : 6100;
    const c = Math.round(base * scale * (0.75 + rnd() * 0.5));
    return { t: d.toISOString(), clicks: c, profileViews: Math.round(c * 0.62), botHits: Math.round(c * 0.17) };
  };
  const points = [];
  for (let t = from; t < to; t += step) points.push(mk(t, 1));
  const prev = q.get('compare') === 'previous' ? points.map((p) => ({ ...mk(Date.parse(p.t) - (to - from), 0.86), t: new Date(Date.parse(p.t) - (to - from)).toISOString() })) : undefined;
  return { range: {}, interval, points, previous: prev };
}
const DIM = {
  source: [['instagram', 4210], ['tiktok', 2870], ['youtube', 1490], ['profile', 1220], ['x', 640], ['direct', 590], ['google', 310], ['qr', 240], ['facebook', 150], ['other', 120]],
  referrer: [['l.instagram.com', 2100], ['unknown', 1900], ['www.tiktok.com', 1400], ['t.co', 600], ['www.google.com', 300], ['m.youtube.com', 280], ['news.ycombinator.com', 40]],
  utm_source: [['instagram', 3400], ['unknown', 2900], ['tiktok', 1500], ['newsletter', 420]],
  utm_medium: [['social', 4800], ['unknown', 2900], ['email', 420]],
  utm_campaign: [['unknown', 3600], ['spring_drop', 2400], ['bio_link', 1800]],
  country: [['DE', 3120], ['US', 2450], ['GB', 1210], ['FR', 830], ['NL', 610], ['AT', 420], ['CH', 330], ['JP', 210], ['BR', 150], ['unknown', 90]],
  region: [['Berlin', 1400], ['California', 900], ['Bavaria', 700], ['England', 650], ['Île-de-France', 500]],
  city: [['Berlin', 1320], ['Munich', 610], ['London', 580], ['Paris', 470], ['Los Angeles', 390], ['Amsterdam', 350], ['Vienna', 300], ['New York', 280]],
  device: [['mobile', 8420], ['desktop', 2210], ['tablet', 380], ['other', 40]],
  browser: [['Instagram', 3600], ['Mobile Safari', 2800], ['Chrome', 2500], ['TikTok', 1500], ['Firefox', 310], ['Edge', 140]],
  os: [['iOS', 6100], ['Android', 2900], ['Windows', 1200], ['macOS', 820], ['Linux', 90]],
  via: [['direct', 8600], ['profile', 1220], ['qr', 240]],
  link: links.map((l, i) => [l.id, [3900, 2800, 1900, 1100, 600, 120][i]]),
};
function breakdown(q) {
  const by = q.get('by');
  const limit = Number(q.get('limit') || 10);
  const cmp = q.get('compare') === 'previous';
  const all = DIM[by] ?? [];
  const rows = all.slice(0, limit).map(([value, n], i) => ({
    value, clicks: n, profileViews: by === 'link' ? 0 : Math.round(n * 0.6),
    label: by === 'link' ? (links.find((l) => l.id === value)?.title ?? `/${links.find((l) => l.id === value)?.slug}`) : undefined,
    ...(cmp ? { previousClicks: Math.round(n * (0.7 + ((i * 37) % 10) / 15)), previousProfileViews: Math.round(n * 0.5) } : {}),
  }));
  const total = all.reduce((a, [, n]) => a + n, 0);
  return { range: {}, by, rows, other: { clicks: by === 'city' ? 2100 : 0, profileViews: 0, values: by === 'city' ? 214 : 0 }, total: { clicks: total + (by === 'city' ? 2100 : 0), profileViews: Math.round(total * 0.6) } };
}
function timePatterns() {
  const matrix = Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => Math.round((h < 7 ? 4 : h < 12 ? 25 : h < 18 ? 40 : h < 23 ? 90 : 30) * (d >= 5 ? 1.3 : 1) * (0.7 + ((d * 24 + h) * 7919 % 100) / 160))),
  );
  return { range: {}, matrix };
}
const profile = {
  username: 'mayamakes', title: 'Maya Makes', bio: 'Ceramics, wheel-throwing videos and the occasional studio drop. Berlin.',
  avatarUrl: null, theme: 'sunset', publicUrl: 'http://localhost:3000/@mayamakes',
  links: links.filter((l) => !l.archived).map((l, i) => ({ linkId: l.id, position: i, visible: l.onProfile, slug: l.slug, title: l.title, url: l.url })),
};
const tokens = { items: [{ id: 't1', name: 'Zapier', prefix: 'lp_8fK2', createdAt: '2026-01-04T10:00:00Z', lastUsedAt: new Date(Date.now() - 3 * 36e5).toISOString() }] };
const reports = { items: [
  { id: 'r1', status: 'ready', from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00', tz: TZ, linkId: null, scheduleId: 's1', createdAt: '2026-03-01T07:00:00Z', readyAt: '2026-03-01T07:00:09Z' },
  { id: 'r2', status: 'running', from: new Date(Date.now() - 30 * 864e5).toISOString(), to: new Date().toISOString(), tz: TZ, linkId: 'l1', scheduleId: null, createdAt: new Date().toISOString(), readyAt: null },
  { id: 'r3', status: 'failed', from: '2025-12-01T00:00:00+01:00', to: '2026-01-01T00:00:00+01:00', tz: TZ, linkId: null, scheduleId: null, createdAt: '2026-01-02T09:00:00Z', readyAt: null },
] };
const schedules = { items: [{ id: 's1', frequency: 'weekly', dayOfWeek: 1, hour: 8, tz: TZ, createdAt: '2026-01-01T00:00:00Z' }] };
const liveEvents = ['instagram', 'tiktok', 'x', 'profile'].map((s, i) => ({
  id: `e${i}`, kind: s === 'profile' ? 'view' : 'click', at: new Date(Date.now() - i * 40e3).toISOString(), linkId: 'l1', source: s, country: ['DE', 'US', 'GB', 'FR'][i], device: 'mobile',
}));

async function mockApi(route, signedIn, variant = 'data') {
  const url = new URL(route.request().url());
  const p = url.pathname.replace('/api/v1', '');
  const q = url.searchParams;
  const json = (body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  if (variant === 'errors' && p.startsWith('/analytics/') && p !== '/analytics/live') {
    return json({ statusCode: 503, error: 'Service Unavailable', message: 'Analytics are unavailable right now.' }, 503);
  }
  if (variant === 'empty' && signedIn) {
    const zero = { value: 0, previous: 0, change: null };
    if (p === '/links') return json({ items: [] });
    if (p === '/analytics/overview') return json({ range: {}, clicks: zero, profileViews: zero, uniqueVisitors: zero, ctr: { value: null, previous: null, change: null }, botHits: zero });
    if (p === '/analytics/timeseries') { const t = timeseries(q); const z = (pts) => pts?.map((x) => ({ ...x, clicks: 0, profileViews: 0, botHits: 0 })); return json({ ...t, points: z(t.points), previous: z(t.previous) }); }
    if (p === '/analytics/breakdown') return json({ range: {}, by: q.get('by'), rows: [], other: { clicks: 0, profileViews: 0, values: 0 }, total: { clicks: 0, profileViews: 0 } });
    if (p === '/analytics/time-patterns') return json({ range: {}, matrix: Array.from({ length: 7 }, () => Array(24).fill(0)) });
    if (p === '/analytics/live') return route.fulfill({ status: 200, contentType: 'text/event-stream', body: ': nothing yet\n\n' });
    if (p === '/reports' || p === '/report-schedules' || p === '/tokens') return json({ items: [] });
    if (p === '/profile') return json({ ...profile, title: null, bio: null, links: [] });
  }
  if (variant === 'no-reports' && (p === '/reports' || p === '/report-schedules')) return json({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/v1/reports' }, 404);
  if (!signedIn && p !== '/auth/login' && p !== '/auth/signup') return json({ statusCode: 401, error: 'Unauthorized', message: 'Not signed in' }, 401);
  if (p === '/auth/login') return json({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' }, 401);
  if (p === '/me') return json(me);
  if (p === '/links') return json({ items: links.filter((l) => String(l.archived) === (q.get('archived') ?? 'false')) });
  if (p.startsWith('/links/') && p.endsWith('.svg')) return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0zM14 0h7v7h-7zM0 14h7v7H0zM9 9h3v3H9zM15 15h3v3h-3zM9 2h2v4H9zM2 9h4v2H2z"/></svg>' });
  if (p.startsWith('/links/')) return json(links.find((l) => l.id === p.split('/')[2]) ?? { statusCode: 404, error: 'Not Found', message: 'Link not found' }, links.some((l) => l.id === p.split('/')[2]) ? 200 : 404);
  if (p === '/analytics/overview') return json(overview(q));
  if (p === '/analytics/timeseries') return json(timeseries(q));
  if (p === '/analytics/breakdown') return json(breakdown(q));
  if (p === '/analytics/time-patterns') return json(timePatterns(q));
  if (p === '/analytics/live') return route.fulfill({ status: 200, contentType: 'text/event-stream', body: liveEvents.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') });
  if (p === '/profile') return json(profile);
  if (p === '/tokens' && route.request().method() === 'POST') return json({ id: 't2', name: JSON.parse(route.request().postData()).name, token: 'lp_Zq4mV8xTnR2bK7pW0cYhE5sJ3uLd9aGf', createdAt: new Date().toISOString() }, 201);
  if (p === '/tokens') return json(tokens);
  if (p === '/reports') return json(reports);
  if (p === '/report-schedules') return json(schedules);
  return json({ statusCode: 404, error: 'Not Found', message: `no fixture for ${p}` }, 404);
}

// ------------------------------------------------------------------ run
const PAGES = [
  { name: 'login', path: '/app/login', signedIn: false },
  { name: 'signup', path: '/app/signup', signedIn: false },
  { name: 'overview', path: '/app/?range=30d' },
  { name: 'overview-filtered', path: '/app/?range=30d&source=instagram&country=DE' },
  { name: 'links', path: '/app/links' },
  { name: 'link-detail', path: '/app/links/l1?range=7d' },
  { name: 'profile', path: '/app/profile' },
  { name: 'reports', path: '/app/reports' },
  { name: 'settings', path: '/app/settings' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
for (const scheme of ['light', 'dark']) {
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
    if (scheme === 'dark' && label === 'phone' && !ONLY) continue;
    const ctx = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    await signIn(ctx);
    for (const pg of PAGES) {
      if (ONLY && !ONLY.split(',').includes(pg.name)) continue;
      const page = await ctx.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`${pg.name} ${label}: console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${pg.name} ${label}: pageerror: ${e.message}`));
      if (MOCK) await page.route('**/api/v1/**', (r) => mockApi(r, pg.signedIn !== false));
      const t0 = Date.now();
      await page.goto(BASE + pg.path, { waitUntil: 'networkidle' });
      await page.waitForTimeout(400);
      const ms = Date.now() - t0;
      // anything wider than the viewport breaks the phone layout
      const overflow = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= w) return [];
        const sw = document.documentElement.scrollWidth;
        return [...document.querySelectorAll('body *')]
          .filter((el) => {
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return false;
            }
            return el.getBoundingClientRect().right > w + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > w + 1);
          })
          .slice(0, 5)
          .concat(sw > w ? [{ tagName: 'SCROLLWIDTH', classList: [String(sw)], getBoundingClientRect: () => ({ right: sw }) }] : [])
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(el.getBoundingClientRect().right)}`);
      });
      if (overflow.length) problems.push(`${pg.name} ${label}: wider than the viewport: ${overflow.join(' | ')}`);
      const file = `${OUT}/${pg.name}-${label}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      if (args.includes('--parts')) {
        // tall pages in viewport-sized slices, easier to look at
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 1; y < height; y += viewport.height * 1.5, i++) {
          const clip = { x: 0, y, width: viewport.width, height: Math.min(viewport.height * 1.5, height - y) };
          await page.screenshot({ path: file.replace('.png', `.part${i}.png`), fullPage: true, clip });
        }
      }
      console.log(`${file}  (${ms} ms)`);
      await page.close();
    }
    await ctx.close();
  }
}
// interactions worth a look: dialogs, drill-down, chart tooltip, editor states
const SCENES = [
  { name: 'empty-overview', path: '/app/', variant: 'empty', act: async () => {} },
  { name: 'empty-links', path: '/app/links', variant: 'empty', act: async () => {} },
  { name: 'empty-reports', path: '/app/reports', variant: 'empty', act: async () => {} },
  { name: 'no-reports-api', path: '/app/reports', variant: 'no-reports', act: async () => {} },
  { name: 'analytics-errors', path: '/app/', variant: 'errors', act: async () => {} },
  { name: 'keyboard-focus', path: '/app/?range=30d', act: async (page) => {
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
  } },
  { name: 'new-link-dialog', path: '/app/links', act: async (page) => {
    await page.getByRole('button', { name: 'New link' }).first().click();
    await page.getByLabel('Destination URL').fill('https://shop.mayamakes.com/spring');
    await page.getByRole('button', { name: 'UTM builder' }).click();
    await page.getByRole('button', { name: /TikTok/ }).click();
  } },
  { name: 'qr-dialog', path: '/app/links', act: async (page) => {
    await page.getByRole('button', { name: 'QR code for /shop' }).click();
  } },
  { name: 'drilldown', path: '/app/?range=30d', act: async (page) => {
    await page.getByRole('button', { name: /TikTok/ }).first().click();
    await page.waitForURL(/source=tiktok/);
  } },
  { name: 'chart-tooltip', path: '/app/?range=30d', act: async (page) => {
    const box = await page.locator('.u-over').boundingBox();
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
  } },
  { name: 'custom-range', path: '/app/?range=7d', act: async (page) => {
    if (page.viewportSize().width < 700) await page.getByRole('combobox', { name: 'Date range' }).selectOption('custom');
    else await page.getByRole('button', { name: 'Custom' }).click();
  } },
  { name: 'token-created', path: '/app/settings', act: async (page) => {
    await page.getByLabel('New token name').fill('CI script');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('will not be shown again').waitFor();
  } },
  { name: 'profile-dirty', path: '/app/profile', act: async (page) => {
    await page.getByRole('button', { name: 'Move Throwing on the wheel (video) up' }).click();
    await page.getByLabel('Title').fill('Maya Makes Ceramics');
    await page.getByText('Ocean').click();
  } },
];
if (MOCK && (!ONLY || ONLY.includes('scenes'))) {
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
    const ctx = await browser.newContext({ viewport, colorScheme: 'light', timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    for (const sc of SCENES) {
      const page = await ctx.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`${sc.name} ${label}: console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${sc.name} ${label}: pageerror: ${e.message}`));
      await page.route('**/api/v1/**', (r) => mockApi(r, true, sc.variant));
      await page.goto(BASE + sc.path, { waitUntil: 'networkidle' });
      try {
        await sc.act(page);
        await page.waitForTimeout(350);
      } catch (err) {
        problems.push(`${sc.name} ${label}: ${err.message.split('\n')[0]}`);
      }
      const file = `${OUT}/scene-${sc.name}-${label}.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
    await ctx.close();
  }
}

await browser.close();
console.log(problems.length ? `\nProblems:\n${problems.join('\n')}` : '\nNo console errors.');
