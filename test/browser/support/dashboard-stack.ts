import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { type CapturedHit, liveChannel, uuidV7 } from '@app/common';
import { enrichHit, GeoLookup } from '@app/enrichment';
import { HitPipeline, utcDay } from '@app/events';
import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { type ApiClient, newCreator } from '../../support/http-client.js';
import { eventually, type RunningApi, startApi, startWorker } from '../../support/stack.js';
import { launchChromium } from './browser.js';

/** The built dashboard the API serves at /app (`npm run build:web`). */
export const DASHBOARD_DIR = resolve(process.env.DASHBOARD_DIR || 'web/dist');

export interface DashboardStack {
  api: RunningApi;
  worker: INestApplicationContext;
  browser: Browser;
  /** the API's origin: the dashboard is at `${base}/app` */
  base: string;
  close(): Promise<void>;
}

/** The API (serving the built dashboard) and a worker in this process, against the run's database, and Chromium. */
export async function startDashboardStack(): Promise<DashboardStack> {
  if (!existsSync(resolve(DASHBOARD_DIR, 'index.html'))) {
    throw new Error(`no dashboard build in ${DASHBOARD_DIR}: run \`npm run build\` (node test/run-all.mjs browser does it)`);
  }
  const api = await startApi();
  let worker: INestApplicationContext | undefined;
  let browser: Browser | undefined;
  try {
    worker = await startWorker();
    browser = await launchChromium();
  } catch (error) {
    // what did start is stopped, or it would keep the test process alive
    await worker?.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    throw error;
  }
  return {
    api,
    worker,
    browser,
    base: api.url,
    close: async () => {
      await browser.close();
      await worker.close();
      await api.close();
    },
  };
}

export interface Creator {
  client: ApiClient;
  id: string;
  username: string;
  email: string;
  password: string;
}

/** A creator signed up through the API (tests that are not about signing up start here). */
export function apiCreator(base: string): Promise<Creator> {
  return newCreator(base, { timezone: 'Europe/Berlin' });
}

export async function createLink(
  creator: Creator,
  fields: { url: string; title?: string; slug?: string; onProfile?: boolean; tags?: string[] },
): Promise<{ id: string; slug: string; shortUrl: string }> {
  const reply = await creator.client.post('/api/v1/links', fields);
  if (reply.status !== 201) throw new Error(`link not created: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** Visitors as the redirect sees them: a browser's user agent, where it came from, its public IP (through the trusted loopback proxy). */
export interface Visitor {
  userAgent: string;
  referer?: string;
  ip?: string;
}

export const AGENTS = {
  iphoneInstagram:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 321.0.0.0.0 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 563459864)',
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  androidTikTok:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.119 Mobile Safari/537.36 trill_2023309030 JsSdk/1.0 NetType/WIFI Channel/googleplay AppName/musical_ly app_version/33.9.3 ByteLocale/en ByteFullLocale/en Region/US BytedanceWebview/d8a21c6',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  windowsChrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  ipadSafari:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
} as const;

/** A visit to a short link (`/slug`) or a public page (`/@username`), as a browser would make it; redirects are not followed. */
export async function visit(base: string, path: string, visitor: Visitor): Promise<Response> {
  return fetch(base + path, {
    redirect: 'manual',
    headers: {
      'user-agent': visitor.userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      ...(visitor.referer ? { referer: visitor.referer } : {}),
      ...(visitor.ip ? { 'x-forwarded-for': visitor.ip } : {}),
    },
  });
}

/** Clicks a short link; fails unless the redirect answered 302. */
export async function click(base: string, slug: string, visitor: Visitor): Promise<void> {
  const response = await visit(base, `/${slug}`, visitor);
  if (response.status !== 302) throw new Error(`/${slug} answered ${response.status}, not 302`);
}

/**
 * Earlier traffic, which no request made now can produce: hits with past timestamps through the
 * worker's own enrichment and storage. One thing differs from the worker: a day's visitor salt is
 * deleted 48 hours after the day began, and the worker hashes a hit that comes later with a salt
 * of its own (every such hit a new visitor); here each past day gets one salt, as it had that day.
 */
export async function backdate(
  worker: INestApplicationContext,
  hits: (Omit<CapturedHit, 'id' | 'ip' | 'hints' | 'query' | 'via'> & Partial<CapturedHit>)[],
): Promise<void> {
  const pipeline = worker.get(HitPipeline, { strict: false });
  const geo = worker.get(GeoLookup, { strict: false });
  const saltOf = (at: number): Buffer =>
    createHash('sha256')
      .update(`backdated visitors of ${utcDay(at)}`)
      .digest();
  const enriched = hits.map((hit) => {
    const captured: CapturedHit = { id: uuidV7(hit.at), ip: '127.0.0.1', hints: {}, query: '', via: 'direct', ...hit };
    return enrichHit(captured, { geo, salt: saltOf(hit.at) });
  });
  await pipeline.storeEnriched(enriched);
}

/** Waits until the API counts these clicks and profile views (people, not bots) in [from, now]: the worker has stored them all. */
export async function waitForCounts(
  creator: Creator,
  counts: { clicks: number; views?: number },
  from = new Date(Date.now() - 3_600_000),
): Promise<void> {
  const expected = { clicks: counts.clicks, views: counts.views ?? 0 };
  let seen = { clicks: -1, views: -1 };
  try {
    await eventually(
      async () => {
        const query = new URLSearchParams({ from: from.toISOString(), to: new Date().toISOString() });
        const reply = await creator.client.get(`/api/v1/analytics/overview?${query}`);
        if (reply.status === 200) seen = { clicks: reply.body.clicks.value, views: reply.body.profileViews.value };
        return seen.clicks === expected.clicks && seen.views === expected.views;
      },
      60_000,
      'counts',
    );
  } catch {
    throw new Error(`expected ${JSON.stringify(expected)} counted within a minute, the API counts ${JSON.stringify(seen)}`);
  }
}

/**
 * Waits until the API listens to the creator's live channel in Redis: the page's event stream is
 * open before that, so a click made earlier could be published to nobody.
 */
export async function waitForLiveSubscription(creatorId: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL!);
  try {
    await eventually(
      async () => {
        const [, subscribers] = (await redis.pubsub('NUMSUB', liveChannel(creatorId))) as [string, number];
        return subscribers > 0;
      },
      10_000,
      'the live channel subscription',
    );
  } finally {
    redis.disconnect();
  }
}

export const DAY = 86_400_000;
