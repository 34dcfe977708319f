import { describe, expect, it } from '@jest/globals';
import type { Via } from '@app/common';
import { IN_APP_USER_AGENTS } from './__fixtures__/in-app.user-agents.js';
import { REFERRERS } from './__fixtures__/referrers.js';
import { classifySource } from './source.classifier.js';

// omrilotan/isbot fixtures/browsers.yml: mobile Safari, a browser that names no app
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 13_2_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0.3 Mobile/15E148 Safari/604.1';
const INSTAGRAM_IOS = IN_APP_USER_AGENTS.find((c) => c.browser === 'Instagram')!.ua;
const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };

function classify(overrides: { query?: string; userAgent?: string; referer?: string; via?: Via }) {
  return classifySource({ query: '', userAgent: SAFARI, referer: '', via: 'direct', ...overrides });
}

describe('classifySource', () => {
  describe('1. utm_source, normalised', () => {
    it.each([
      ['utm_source=ig', 'instagram'],
      ['utm_source=insta', 'instagram'],
      ['utm_source=instagram_story', 'instagram'],
      ['utm_source=Instagram', 'instagram'],
      ['utm_source=%20IG%20', 'instagram'],
      ['utm_source=tw', 'x'],
      ['utm_source=twitter', 'x'],
      ['utm_source=fb', 'facebook'],
      ['utm_source=yt', 'youtube'],
      ['utm_source=tt', 'tiktok'],
      ['utm_source=li', 'linkedin'],
      ['utm_source=Newsletter', 'newsletter'],
      ['utm_source=spring+sale+mail', 'spring sale mail'],
    ])('%s → %s', (query, source) => {
      expect(classify({ query }).source).toBe(source);
    });

    it('wins over the in-app browser and the referrer', () => {
      expect(classify({ query: 'utm_source=newsletter', userAgent: INSTAGRAM_IOS, referer: 'https://t.co/' }).source).toBe(
        'newsletter',
      );
    });

    it('is skipped when present but empty', () => {
      expect(classify({ query: 'utm_source=&utm_medium=social', referer: 'https://t.co/' }).source).toBe('x');
    });
  });

  describe('2. the in-app browser', () => {
    it.each(IN_APP_USER_AGENTS)('$source from $browser: $ua', ({ ua, source }) => {
      expect(classify({ userAgent: ua }).source).toBe(source);
    });

    it('wins over the referrer and the profile page', () => {
      expect(classify({ userAgent: INSTAGRAM_IOS, referer: 'https://www.google.com/', via: 'profile' }).source).toBe('instagram');
    });
  });

  describe('3. the referrer host', () => {
    it.each(REFERRERS)('$source from $referer', ({ referer, source, referrerHost }) => {
      expect(classify({ referer })).toEqual({ source, referrerHost, utm: NO_UTM });
    });

    it('wins over the profile page', () => {
      expect(classify({ referer: 'https://l.instagram.com/', via: 'profile' }).source).toBe('instagram');
    });
  });

  describe('4. the profile page and QR codes', () => {
    it('credits the creator’s page, its own host kept as the referrer', () => {
      expect(classify({ referer: 'https://links.example.org/@alice', via: 'profile' })).toEqual({
        source: 'profile',
        referrerHost: 'links.example.org',
        utm: NO_UTM,
      });
    });

    it('credits a QR scan, which sends no referrer', () => {
      expect(classify({ via: 'qr' })).toEqual({ source: 'qr', referrerHost: null, utm: NO_UTM });
    });
  });

  describe('5. other or direct', () => {
    it('is direct with no referrer', () => {
      expect(classify({})).toEqual({ source: 'direct', referrerHost: null, utm: NO_UTM });
    });

    it.each(['not a url', '/relative/path', 'about:blank'])('treats an unusable referrer %j as none', (referer) => {
      expect(classify({ referer })).toEqual({ source: 'direct', referrerHost: null, utm: NO_UTM });
    });
  });

  it('returns the five UTM parameters, trimmed, whichever rule won', () => {
    const query = 'utm_source=IG&utm_medium=%20social%20&utm_campaign=Spring+Launch&utm_term=bio&utm_content=story-2&ref=abc';
    expect(classify({ query, userAgent: INSTAGRAM_IOS }).utm).toEqual({
      source: 'IG',
      medium: 'social',
      campaign: 'Spring Launch',
      term: 'bio',
      content: 'story-2',
    });
  });

  it('cuts a UTM value at 255 characters', () => {
    expect(classify({ query: `utm_campaign=${'x'.repeat(300)}` }).utm.campaign).toBe('x'.repeat(255));
  });
});
