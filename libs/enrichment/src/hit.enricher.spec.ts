import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CapturedHit } from '@app/common';
import { defaultGeoDbPaths, GeoLookup } from './geo.lookup.js';
import { enrichHit, type EnrichmentContext } from './hit.enricher.js';
import { visitorId } from './visitor-id.js';

// shalanah/inapp-spy src/tests/mobile.ts: Instagram's browser on a Pixel 8
const INSTAGRAM_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240905.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.58 Mobile Safari/537.36 Instagram 355.1.0.44.103 Android (34/14; 420dpi; 1080x2205; Google/google; Pixel 8; shiba; shiba; en_US; 658190016)';
const SALT = Buffer.from('6c696e6b70756c73652d73616c742d31', 'hex');

function captured(overrides: Partial<CapturedHit>): CapturedHit {
  return {
    id: '0190b2f4-9b00-7000-8000-000000000001',
    at: Date.UTC(2024, 4, 17, 9, 30),
    kind: 'click',
    creatorId: '0190b2f4-8a3c-7e11-9d2a-5c4b3a291807',
    linkId: '0190b2f4-8a3c-7e11-9d2a-5c4b3a29aaaa',
    ip: '8.8.8.8',
    userAgent: INSTAGRAM_ANDROID,
    referer: '',
    query: '',
    via: 'direct',
    hints: {},
    ...overrides,
  };
}

describe('enrichHit', () => {
  let ctx: EnrichmentContext;

  beforeAll(async () => {
    ctx = { geo: await GeoLookup.open(defaultGeoDbPaths()), salt: SALT };
  }, 30_000);

  it('enriches a click from Instagram’s browser', () => {
    const hit = captured({ query: 'utm_campaign=spring&utm_medium=bio' });
    expect(enrichHit(hit, ctx)).toEqual({
      id: hit.id,
      at: hit.at,
      kind: 'click',
      creatorId: hit.creatorId,
      linkId: hit.linkId,
      isBot: false,
      botName: null,
      visitorId: visitorId(SALT, hit.creatorId, '8.8.8.8', INSTAGRAM_ANDROID),
      source: 'instagram',
      referrerHost: null,
      utmSource: null,
      utmMedium: 'bio',
      utmCampaign: 'spring',
      utmTerm: null,
      utmContent: null,
      country: 'US',
      region: 'California',
      city: 'Mountain View',
      device: 'mobile',
      browser: 'Instagram',
      os: 'Android',
      via: 'direct',
    });
  });

  it('fills every field for a bot too, so bot hits can be broken down', () => {
    const hit = captured({ userAgent: 'Twitterbot/1.0', ip: '81.2.69.142', referer: 'https://t.co/' });
    expect(enrichHit(hit, ctx)).toMatchObject({
      isBot: true,
      botName: 'Twitterbot',
      source: 'x',
      referrerHost: 't.co',
      country: 'GB',
      device: 'other',
      browser: 'unknown',
      os: 'unknown',
    });
  });

  it('keeps a profile view’s null link and a QR scan’s via', () => {
    expect(enrichHit(captured({ kind: 'view', linkId: null, userAgent: 'curl/7.38.0' }), ctx)).toMatchObject({
      kind: 'view',
      linkId: null,
      isBot: true,
      botName: 'curl',
    });
    const scan = captured({
      via: 'qr',
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 13_2_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0.3 Mobile/15E148 Safari/604.1',
    });
    expect(enrichHit(scan, ctx)).toMatchObject({ source: 'qr', via: 'qr', browser: 'Safari', device: 'mobile' });
  });

  it('counts a hit the API marked as a flood as a bot, keeping a named bot’s name', () => {
    expect(enrichHit(captured({ flood: true }), ctx)).toMatchObject({
      isBot: true,
      botName: 'rate-limited',
      browser: 'Instagram',
      country: 'US',
    });
    expect(enrichHit(captured({ flood: true, userAgent: 'Twitterbot/1.0' }), ctx)).toMatchObject({
      isBot: true,
      botName: 'Twitterbot',
    });
    expect(enrichHit(captured({}), ctx)).toMatchObject({ isBot: false, botName: null });
  });

  it('drops control characters from UTM values (PostgreSQL text cannot hold U+0000)', () => {
    const enriched = enrichHit(captured({ query: 'utm_source=a%00b&utm_campaign=%0Aspring%1F&utm_term=%00' }), ctx);
    expect(enriched).toMatchObject({ utmSource: 'ab', source: 'ab', utmCampaign: 'spring', utmTerm: null });
  });

  it('stores no trace of the IP address', () => {
    const enriched = enrichHit(captured({ ip: '2a01:4f8::1' }), ctx);
    expect(JSON.stringify(enriched)).not.toContain('2a01:4f8::1');
    expect(enriched.country).toBe('DE');
  });
});
