import { describe, expect, it } from '@jest/globals';
import { BROWSER_USER_AGENTS } from './__fixtures__/browser.user-agents.js';
import { IN_APP_USER_AGENTS } from './__fixtures__/in-app.user-agents.js';
import { parseUserAgent } from './user-agent.parser.js';

describe('parseUserAgent', () => {
  it.each(BROWSER_USER_AGENTS)('reads $browser on $os ($device): $ua $hints', ({ ua, hints, device, browser, os }) => {
    expect(parseUserAgent(ua, hints)).toEqual({ device, browser, os });
  });

  it.each(IN_APP_USER_AGENTS)('names the $browser in-app browser on $os ($device): $ua', ({ ua, browser, os, device }) => {
    expect(parseUserAgent(ua, {})).toEqual({ device, browser, os });
  });

  it('believes Sec-CH-UA over a user agent that hides the brand, and caches by both', () => {
    // matomo-org/device-detector Tests/fixtures/clienthints.yml: Brave sends Chrome's user agent
    const ua = 'Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/106.0.0.0 Mobile Safari/537.36';
    const hints = { brands: '"Chromium";v="106", "Brave";v="106", "Not;A=Brand";v="99"', mobile: '?1', platform: '"Android"' };
    expect(parseUserAgent(ua, {}).browser).toBe('Chrome');
    expect(parseUserAgent(ua, hints).browser).toBe('Brave');
    expect(parseUserAgent(ua, {}).browser).toBe('Chrome');
  });

  it('reports unknown for what it cannot read', () => {
    expect(parseUserAgent('', {})).toEqual({ device: 'other', browser: 'unknown', os: 'unknown' });
    expect(parseUserAgent('curl/7.38.0', {})).toEqual({ device: 'other', browser: 'unknown', os: 'unknown' });
  });
});
