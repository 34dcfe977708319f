import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ApiClient, newCreator } from './support/http-client.js';
import { eventually, type RunningApi, startApi } from './support/stack.js';

const LINKS = '/api/v1/links';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

let api: RunningApi;
let client: ApiClient;

beforeAll(async () => {
  api = await startApi();
  client = (await newCreator(api.url)).client;
});

afterAll(async () => {
  await api?.close();
});

/** Where the short link sends this visitor (the Location of the 302), or the status when it does not redirect. */
async function destination(slug: string, userAgent: string, language?: string, query = ''): Promise<string | number> {
  const reply = await fetch(`${api.url}/${slug}${query}`, {
    redirect: 'manual',
    headers: { 'user-agent': userAgent, ...(language ? { 'accept-language': language } : {}) },
  });
  return reply.status === 302 ? reply.headers.get('location')! : reply.status;
}

describe('targeting rules', () => {
  it('sends each visitor to the first rule they match, by device, OS and language, else to the link', async () => {
    const link = await client.post(LINKS, {
      url: 'https://example.com/default',
      rules: [
        { if: { device: ['mobile'], os: ['iOS'] }, url: 'https://apps.apple.com/app/id1' },
        { if: { os: 'Android' }, url: 'https://play.google.com/store/apps/details?id=x' },
        { if: { device: ['tablet'] }, url: 'https://example.com/tablet' },
        { if: { language: ['de'] }, url: 'https://example.com/de' },
        { if: { os: ['macOS'], language: ['fr'] }, url: 'https://example.com/mac-fr' },
      ],
    });
    expect(link.status).toBe(201);
    expect(link.body.rules).toEqual([
      { if: { device: ['mobile'], os: ['ios'] }, url: 'https://apps.apple.com/app/id1' },
      { if: { os: ['android'] }, url: 'https://play.google.com/store/apps/details?id=x' },
      { if: { device: ['tablet'] }, url: 'https://example.com/tablet' },
      { if: { language: ['de'] }, url: 'https://example.com/de' },
      { if: { os: ['macos'], language: ['fr'] }, url: 'https://example.com/mac-fr' },
    ]);
    const { slug } = link.body;
    expect(await destination(slug, IPHONE, 'de-DE')).toBe('https://apps.apple.com/app/id1');
    expect(await destination(slug, ANDROID)).toBe('https://play.google.com/store/apps/details?id=x');
    expect(await destination(slug, IPAD)).toBe('https://example.com/tablet');
    expect(await destination(slug, WINDOWS, 'de-AT,de;q=0.9,en;q=0.5')).toBe('https://example.com/de');
    expect(await destination(slug, WINDOWS, 'en-GB,de;q=0.9')).toBe('https://example.com/default');
    expect(await destination(slug, MAC, 'fr-FR')).toBe('https://example.com/mac-fr');
    expect(await destination(slug, MAC, 'en-US')).toBe('https://example.com/default');
    expect(await destination(slug, '')).toBe('https://example.com/default');
    // the visitor's UTM parameters go along to the chosen target, as to the link's own
    expect(await destination(slug, ANDROID, undefined, '?utm_source=ig')).toBe(
      'https://play.google.com/store/apps/details?id=x&utm_source=ig',
    );

    // cleared with null: everyone goes to the link's URL again, at once
    expect((await client.patch(`${LINKS}/${link.body.id}`, { rules: null })).body.rules).toBeNull();
    expect(await destination(slug, IPHONE)).toBe('https://example.com/default');
  });

  it('holds a link back until startsAt: 404, or its fallback, then redirects', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const held = await client.post(LINKS, { url: 'https://example.com/launch', startsAt: soon });
    expect(held.body.startsAt).toBe(soon);
    expect(await destination(held.body.slug, WINDOWS)).toBe(404);
    const withFallback = await client.post(LINKS, {
      url: 'https://example.com/launch',
      startsAt: soon,
      fallbackUrl: 'https://example.com/coming-soon',
    });
    expect(await destination(withFallback.body.slug, WINDOWS)).toBe('https://example.com/coming-soon');
    const started = await client.patch(`${LINKS}/${held.body.id}`, { startsAt: new Date(Date.now() - 1000).toISOString() });
    expect(started.status).toBe(200);
    await eventually(
      async () => (await destination(held.body.slug, WINDOWS)) === 'https://example.com/launch',
      5_000,
      'the link starts',
    );
  });

  it('refuses rules and start times it cannot keep, with a 400 naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { rules: [{ if: { country: 'DE' }, url: 'https://a.example/' }] },
        'rules[0].if.country: country targeting is not available yet',
      ],
      [{ rules: [{ if: { device: ['phone'] }, url: 'https://a.example/' }] }, 'rules[0].if.device: "phone" is not one of'],
      [{ rules: [{ if: { os: ['iOS'] }, url: 'javascript:alert(1)' }] }, 'rules[0].url must be an http or https URL'],
      [
        { rules: [{ if: { os: ['iOS'] }, url: 'http://localhost:9/x' }] },
        'rules[0].url must not point at this Linkpulse instance or this machine',
      ],
      [
        { rules: Array(11).fill({ if: { os: ['iOS'] }, url: 'https://a.example/' }) },
        'rules must contain no more than 10 elements',
      ],
      [{ rules: 'all' }, 'rules must be an array'],
      [{ startsAt: 'tomorrow' }, 'startsAt must be an ISO 8601 date-time with a time zone'],
      [{ startsAt: '2026-02-30T10:00:00Z' }, 'startsAt is not a real date and time'],
    ];
    for (const [fields, message] of cases) {
      const reply = await client.post(LINKS, { url: 'https://example.com/x', ...fields });
      expect([JSON.stringify(fields).slice(0, 80), reply.status, String(reply.body.message)]).toEqual([
        JSON.stringify(fields).slice(0, 80),
        400,
        expect.stringContaining(message),
      ]);
    }
  });
});
