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

  it('takes the real platform and form factor from client hints over a reduced user agent', () => {
    // matomo-org/device-detector Tests/fixtures/clienthints.yml: a Kindle Fire whose UA says nothing of a tablet
    const ua = 'Mozilla/5.0 (Linux; Android 9; KFKAWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/98.1.148 like Chrome/98.0.4758.101 Safari/537.36';
    expect(parseUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.126 Safari/537.36', { platform: '"Chromium OS"' })).toEqual({
      device: 'desktop', browser: 'Chrome', os: 'Chrome OS',
    });
    expect(parseUserAgent(ua, {}).os).toBe('Android');
  });

  it('keys its cache by user agent and hints together', () => {
    const ua = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Mobile Safari/537.36';
    expect(parseUserAgent(ua, {}).browser).toBe('Chrome');
    expect(parseUserAgent(ua, { brands: '"Chromium";v="106", "Brave";v="106", "Not;A=Brand";v="99"' }).browser).toBe('Brave');
    expect(parseUserAgent(ua, {}).browser).toBe('Chrome');
  });

  it('reports unknown for what it cannot read', () => {
    expect(parseUserAgent('', {})).toEqual({ device: 'other', browser: 'unknown', os: 'unknown' });
    expect(parseUserAgent('curl/7.38.0', {})).toEqual({ device: 'other', browser: 'unknown', os: 'unknown' });
  });
});
