import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/stack.js';
import {
  DESKTOP,
  logIn,
  openContext,
  panel,
  PHONE,
  settled,
  statCard,
  textOf,
  type WatchedContext,
  wholePage,
} from './support/browser.js';
import { ApiClient } from '../support/http-client.js';
import {
  AGENTS,
  backdate,
  click,
  createLink,
  type Creator,
  DAY,
  type DashboardStack,
  startDashboardStack,
  visit,
  type Visitor,
} from './support/dashboard-stack.js';

/**
 * Screenshots of every page at desktop and phone width, for the docs (`docs/images/dashboard-*.png`
 * with UPDATE_SCREENSHOTS=1, `SCREENSHOT_DIR` to write them elsewhere), of a creator whose data the test makes itself:
 * the last hour's clicks and page views are real requests to the API (redirects and the public
 * page, through the worker), the nine weeks before are the same kind of hits handed to the
 * worker's pipeline with past timestamps (no request can be made in the past).
 */
// a test run must not rewrite committed files: the docs' images are refreshed with UPDATE_SCREENSHOTS=1
const OUT = resolve(
  process.env.SCREENSHOT_DIR ||
    (process.env.UPDATE_SCREENSHOTS ? 'docs/images' : mkdtempSync(join(tmpdir(), 'linkpulse-screens-'))),
);
const HOUR = 3_600_000;
const BERLIN_HOUR = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Berlin' });

let stack: DashboardStack;
beforeAll(async () => {
  stack = await startDashboardStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same picture. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function weighted<T>(next: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let r = next() * total;
  for (const [value, w] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][0];
}

/** Where visitors come from, how often, and on what. */
const ORIGINS: readonly (readonly [{ referer?: string; agents: string[] }, number])[] = [
  [{ referer: 'https://l.instagram.com/', agents: [AGENTS.iphoneInstagram] }, 38],
  [{ referer: 'https://www.tiktok.com/', agents: [AGENTS.androidTikTok] }, 22],
  [{ referer: 'https://www.youtube.com/', agents: [AGENTS.iphoneSafari, AGENTS.androidChrome, AGENTS.windowsChrome] }, 11],
  [{ agents: [AGENTS.iphoneSafari, AGENTS.androidChrome, AGENTS.macSafari] }, 10],
  [{ referer: 'https://t.co/', agents: [AGENTS.iphoneSafari, AGENTS.macSafari] }, 6],
  [{ referer: 'https://www.google.com/', agents: [AGENTS.windowsChrome, AGENTS.macSafari, AGENTS.linuxFirefox] }, 5],
  [{ referer: 'https://www.pinterest.de/', agents: [AGENTS.ipadSafari, AGENTS.androidChrome] }, 3],
  [{ referer: 'https://mail.google.com/', agents: [AGENTS.windowsChrome, AGENTS.macSafari] }, 2],
];
/** Address blocks the geolocation database places in these cities (DB-IP Lite); a visitor is one address in a block. */
const BLOCKS: readonly (readonly [string, number])[] = [
  ['85.214.132.', 16], // Berlin
  ['37.120.0.', 10], // Berlin
  ['78.46.0.', 6], // Nuremberg
  ['217.160.0.', 5], // Essen
  ['81.2.69.', 8], // London
  ['130.88.0.', 3], // Manchester
  ['52.95.110.', 7], // New York
  ['8.8.8.', 5], // Mountain View
  ['62.210.0.', 5], // Paris
  ['193.0.6.', 5], // Amsterdam
  ['195.27.14.', 2], // Dublin
  ['104.16.0.', 2], // Toronto
  ['133.242.0.', 2], // Tokyo
  ['200.147.0.', 1], // Rio de Janeiro
  ['130.239.0.', 1], // Umeå
];
const address = (next: () => number): string => weighted(next, BLOCKS) + (1 + Math.floor(next() * 250));

type PastHit = Parameters<typeof backdate>[1][number];

interface Shop {
  creator: Creator;
  links: { id: string; slug: string; title: string; weight: number }[];
}

async function makeCreator(): Promise<Shop> {
  // the run's database is new, so the handle is free
  const client = new ApiClient(stack.base);
  const account = {
    email: 'maya@example.com',
    username: 'mayamakes',
    password: 'correct horse battery',
    timezone: 'Europe/Berlin',
  };
  const signup = await client.post('/api/v1/auth/signup', account);
  expect(signup.status).toBe(201);
  const creator: Creator = { client, id: signup.body.creator.id, ...account };
  const defs = [
    {
      slug: 'shop',
      title: 'My ceramics shop',
      url: 'https://shop.example.com/?utm_source=instagram&utm_medium=social',
      tags: ['shop'],
      weight: 40,
    },
    {
      slug: 'wheel',
      title: 'Throwing on the wheel (video)',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      tags: ['video'],
      weight: 26,
    },
    {
      slug: 'spring',
      title: 'Spring drop: 20% off',
      url: 'https://shop.example.com/spring?utm_campaign=spring_drop',
      tags: ['shop'],
      weight: 18,
    },
    { slug: 'letter', title: 'Studio newsletter', url: 'https://newsletter.example.com', tags: [], weight: 10 },
    { slug: 'podcast', title: 'Podcast interview', url: 'https://podcasts.example.com/episode/42', tags: [], weight: 6 },
  ];
  const links = [];
  for (const def of defs) {
    const link = await createLink(creator, {
      slug: def.slug,
      url: def.url,
      title: def.title,
      tags: def.tags,
      onProfile: def.slug !== 'letter',
    });
    links.push({ id: link.id, slug: link.slug, title: def.title, weight: def.weight });
  }
  const profile = await creator.client.put('/api/v1/profile', {
    title: 'Maya Makes',
    bio: 'Ceramics, wheel-throwing videos and the occasional studio drop. Berlin.',
    theme: 'sunset',
  });
  expect(profile.status).toBe(200);
  return { creator, links };
}

/** Nine weeks of hits before the last hour: a daily rhythm in Berlin time, busier evenings and weekends, slowly growing. */
function history(shop: Shop, next: () => number): PastHit[] {
  const hits: PastHit[] = [];
  const now = Date.now();
  const start = now - 63 * DAY;
  const hourWeight = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 3.5, 3.5, 4, 4.5, 4, 3.5, 3.5, 4, 5, 6.5, 8, 8.5, 7, 4.5, 2.5];
  for (let t = start; t < now - HOUR; t += HOUR) {
    const date = new Date(t);
    const berlinHour = Number(BERLIN_HOUR.format(date)) % 24;
    const weekend = [0, 6].includes(date.getUTCDay()) ? 1.35 : 1;
    const growth = 0.75 + 0.5 * ((t - start) / (now - start));
    const expected = hourWeight[berlinHour] * weekend * growth * 0.6;
    const count = Math.floor(expected + next());
    for (let i = 0; i < count; i++) {
      const at = t + Math.floor(next() * HOUR);
      const origin = weighted(next, ORIGINS);
      const visitor = {
        userAgent: origin.agents[Math.floor(next() * origin.agents.length)],
        referer: origin.referer ?? '',
        ip: address(next),
      };
      const base = { at, creatorId: shop.creator.id, ...visitor };
      // a third of the visitors open the profile page first, and most of them tap a link there
      if (next() < 0.33) {
        hits.push({ ...base, kind: 'view', linkId: null });
        if (next() < 0.45) continue;
        const link = weighted(
          next,
          shop.links
            .slice(0, 3)
            .concat(shop.links.slice(4))
            .map((l) => [l, l.weight] as const),
        );
        hits.push({
          ...base,
          at: at + 20_000,
          kind: 'click',
          linkId: link.id,
          via: 'profile',
          referer: `http://localhost:3000/@${shop.creator.username}`,
          query: 'via=profile',
        });
      } else {
        const link = weighted(
          next,
          shop.links.map((l) => [l, l.weight] as const),
        );
        hits.push({ ...base, kind: 'click', linkId: link.id });
        // some come back for another look the same day
        if (next() < 0.3)
          hits.push({ ...base, at: Math.min(at + Math.floor(next() * 6 * HOUR), now - HOUR), kind: 'click', linkId: link.id });
      }
    }
  }
  return hits;
}

/** The last hour: real requests — clicks on the short links, views of the public page, a few bots. */
async function liveTraffic(shop: Shop, next: () => number): Promise<number> {
  let clicks = 0;
  for (let i = 0; i < 24; i++) {
    const origin = weighted(next, ORIGINS);
    const visitor: Visitor = {
      userAgent: origin.agents[Math.floor(next() * origin.agents.length)],
      referer: origin.referer,
      ip: address(next),
    };
    if (i % 4 === 0) {
      const page = await visit(stack.base, `/@${shop.creator.username}`, visitor);
      expect(page.status).toBe(200);
    }
    const link = weighted(
      next,
      shop.links.map((l) => [l, l.weight] as const),
    );
    await click(stack.base, link.slug, visitor);
    clicks += 1;
  }
  for (const bot of [
    'Twitterbot/1.0',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  ]) {
    await click(stack.base, shop.links[0].slug, { userAgent: bot, ip: '31.13.64.1' });
  }
  return clicks;
}

const PAGES = [
  { name: 'overview', path: () => '/app/?range=30d', heading: 'Overview' },
  { name: 'links', path: () => '/app/links', heading: 'Links' },
  { name: 'link-detail', path: (shop: Shop) => `/app/links/${shop.links[0].id}?range=30d`, heading: 'My ceramics shop' },
  { name: 'profile', path: () => '/app/profile', heading: 'Profile' },
  { name: 'reports', path: () => '/app/reports', heading: 'Reports' },
  { name: 'settings', path: () => '/app/settings', heading: 'Settings' },
] as const;

describe('screenshots', () => {
  it('of every page at 1280 and 375 px, light and dark, with the test’s own traffic', async () => {
    mkdirSync(OUT, { recursive: true });
    const next = random(20260301);
    const shop = await makeCreator();
    const past = history(shop, next);
    for (let i = 0; i < past.length; i += 500) await backdate(stack.worker, past.slice(i, i + 500));
    const live = await liveTraffic(shop, next);

    // a report of last month and a weekly schedule, so the reports page shows both
    const report = await shop.creator.client.post('/api/v1/reports', {
      from: new Date(Date.now() - 30 * DAY).toISOString(),
      to: new Date().toISOString(),
      tz: 'Europe/Berlin',
    });
    expect(report.status).toBe(202);
    const schedule = await shop.creator.client.post('/api/v1/report-schedules', { frequency: 'weekly', dayOfWeek: 1, hour: 8 });
    expect(schedule.status).toBe(201);
    const token = await shop.creator.client.post('/api/v1/tokens', { name: 'Zapier' });
    expect(token.status).toBe(201);
    await eventually(
      async () =>
        (await shop.creator.client.get(`/api/v1/reports`)).body.items.every((r: { status: string }) => r.status === 'ready'),
      60_000,
      'the report',
    );
    // every live click is in (the last hour: live clicks plus the backdated hits of the hour before, if any)
    await eventually(
      async () => {
        const q = new URLSearchParams({ from: new Date(Date.now() - HOUR + 60_000).toISOString(), to: new Date().toISOString() });
        return (await shop.creator.client.get(`/api/v1/analytics/overview?${q}`)).body.clicks.value >= live;
      },
      20_000,
      'the live clicks',
    );

    const contexts: WatchedContext[] = [];
    try {
      for (const [device, viewport, colorScheme, suffix] of [
        ['desktop', DESKTOP, 'light', ''],
        ['phone', PHONE, 'light', ''],
        ['desktop', DESKTOP, 'dark', '-dark'],
        ['phone', PHONE, 'dark', '-dark'],
      ] as const) {
        const signedIn = await openContext(stack.browser, { viewport, colorScheme });
        contexts.push(signedIn);
        await logIn(signedIn.context, stack.base, shop.creator);
        for (const page of PAGES) {
          const tab = await signedIn.context.newPage();
          await tab.goto(stack.base + page.path(shop));
          await tab.getByRole('heading', { name: page.heading, level: 1 }).waitFor();
          await settled(tab);
          if (page.name === 'overview') {
            const value = await textOf(statCard(tab, 'Clicks').locator('.value'));
            expect(Number(value.replace(/,/g, ''))).toBeGreaterThan(live);
          }
          if (page.name === 'overview' || page.name === 'link-detail') {
            // every list reads from the top down by the count it shows (sources with page views too)
            for (const list of await tab.locator('section.panel ul.list').all()) {
              const counts = (await list.locator('li:not(.other) .count').allInnerTexts()).map((c) =>
                Number(c.replace(/,/g, '')),
              );
              expect(counts.length).toBeGreaterThan(0);
              expect(counts).toEqual([...counts].sort((a, b) => b - a));
            }
          }
          await wholePage(tab, join(OUT, `dashboard-${page.name}-${device}${suffix}.png`));
          if (page.name === 'overview' && device === 'desktop' && colorScheme === 'light') {
            // the README's picture: the top of the desktop overview, down to the sources
            const sources = (await panel(tab, 'Sources').boundingBox())!;
            await wholePage(tab, join(OUT, 'dashboard-overview.png'), sources.y + sources.height + 12);
          }
          await tab.close();
        }
        const anonymous = await openContext(stack.browser, { viewport, colorScheme });
        contexts.push(anonymous);
        await anonymous.page.goto(`${stack.base}/app/login`);
        await anonymous.page.getByRole('heading', { name: 'Welcome back' }).waitFor();
        await settled(anonymous.page);
        await wholePage(anonymous.page, join(OUT, `dashboard-login-${device}${suffix}.png`));
      }
      expect(contexts.flatMap((c) => c.console.problems)).toEqual([]);
    } finally {
      await Promise.all(contexts.map((c) => c.context.close()));
    }
  }, 300_000);
});
