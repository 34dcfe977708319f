import { describe, expect, it } from '@jest/globals';
import { hostOf, normaliseTargetUrl } from './link-target.rules.js';

const own = { ownHost: hostOf('https://Lnk.Example.com') };

describe('normaliseTargetUrl', () => {
  it.each([
    ['https://Example.COM', 'https://example.com/'],
    ['  https://example.com/a b  ', 'https://example.com/a%20b'],
    ['HTTP://example.com:80/x', 'http://example.com/x'],
    ['https://exämple.com/café?q=é', 'https://xn--exmple-cua.com/caf%C3%A9?q=%C3%A9'],
    ['https://example.com/?a="<b>"', 'https://example.com/?a=%22%3Cb%3E%22'],
    ['https://lnk.example.com.evil.com/', 'https://lnk.example.com.evil.com/'],
    ['https://lnk.example.com:8443/', 'https://lnk.example.com:8443/'],
  ])('keeps %s as %s', (input, expected) => {
    expect(normaliseTargetUrl('url', input, own)).toBe(expected);
  });

  it.each([
    ['https://lnk.example.com/abc', 'would loop'],
    ['http://LNK.example.com./abc', 'would loop'],
    ['https://lnk.example.com:443/abc', 'would loop'],
    ['mailto:ana@example.com', 'not mailto:'],
    ['vbscript:msgbox', 'not vbscript:'],
    ['https:example.com', 'with a host'],
    ['https://:pass@example.com', 'user name or password'],
    ['//example.com/x', 'absolute'],
    ['javascript:alert(1)', 'not javascript:'],
    [' JavaScript:alert(document.cookie)', 'not javascript:'],
    ['java\tscript:alert(1)', 'absolute'],
    ['data:text/html,<script>alert(1)</script>', 'not data:'],
    ['file:///etc/passwd', 'not file:'],
    ['ftp://example.com/file', 'not ftp:'],
    ['https://user@example.com/', 'user name or password'],
    ['https://lnk.example.com@evil.example/', 'user name or password'],
    [`https://example.com/${'a'.repeat(2030)}`, 'at most 2048 characters'],
    ['', 'must not be empty'],
    ['http://[::1', 'not a valid URL'],
  ])('refuses %s (%s)', (input, message) => {
    expect(() => normaliseTargetUrl('url', input, own)).toThrow(message);
  });

  it('takes only https when asked', () => {
    expect(normaliseTargetUrl('avatarUrl', 'https://img.example.com/a.png', { httpsOnly: true })).toBe(
      'https://img.example.com/a.png',
    );
    expect(() => normaliseTargetUrl('avatarUrl', 'http://img.example.com/a.png', { httpsOnly: true })).toThrow(
      'avatarUrl must be an https URL, not http:',
    );
  });

  it('counts the length once encoded', () => {
    const raw = `https://example.com/${'é'.repeat(700)}`;
    expect(raw.length).toBeLessThan(2048);
    expect(() => normaliseTargetUrl('url', raw)).toThrow('at most 2048 characters once encoded');
  });
});
