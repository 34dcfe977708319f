import type { ClientHints, DeviceType } from '@app/common';

/** Real browsers (and consoles, TVs, headsets), with the client hints they sent where recorded. */
export interface BrowserCase {
  ua: string;
  hints: ClientHints;
  device: DeviceType;
  browser: string;
  os: string;
}

export const BROWSER_USER_AGENTS: BrowserCase[] = [
  // faisalman/ua-parser-js test/data/ua/browser/browser-all.json @ 0273bf64e620653292690649a517399b3590d59a
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36',
    hints: {},
    device: 'desktop',
    browser: 'Chrome',
    os: 'Windows',
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Safari/537.36',
    hints: {},
    device: 'desktop',
    browser: 'Chrome',
    os: 'macOS',
  },
  {
    ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36',
    hints: {},
    device: 'desktop',
    browser: 'Chrome',
    os: 'Linux',
  },
  {
    ua: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36',
    hints: {},
    device: 'desktop',
    browser: 'Chrome',
    os: 'Chrome OS',
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:100.0) Gecko/20100101 Firefox/100.0',
    hints: {},
    device: 'desktop',
    browser: 'Firefox',
    os: 'macOS',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.48 Safari/537.36 Edg/74.1.96.24',
    hints: {},
    device: 'desktop',
    browser: 'Edge',
    os: 'Windows',
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/112.0 Mobile/15E148 Safari/605.1.15',
    hints: {},
    device: 'mobile',
    browser: 'Firefox',
    os: 'iOS',
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 11_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/11.0 EdgiOS/42.1.1.0 Mobile/15F79 Safari/605.1.15',
    hints: {},
    device: 'mobile',
    browser: 'Edge',
    os: 'iOS',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 7.1.2; Nexus 5X Build/N2G47W) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.83 Mobile Safari/537.36',
    hints: {},
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 6.0.1; SAMSUNG-SM-G925A Build/MMB29K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/44.0.2403.133 Mobile Safari/537.36',
    hints: {},
    device: 'mobile',
    browser: 'Samsung Internet',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 11; SM-T870) AppleWebKit/537.36 (KHTML, like Gecko) Brave Chrome/88.0.4324.96 Safari/537.36',
    hints: {},
    device: 'tablet',
    browser: 'Brave',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (SMART-TV; Linux; Tizen 2.3) AppleWebkit/538.1 (KHTML, like Gecko) SamsungBrowser/1.0 TV Safari/538.1',
    hints: {},
    device: 'other',
    browser: 'Samsung Internet',
    os: 'Tizen',
  },
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_2 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like Gecko) GSA/30.1.161623614 Mobile/14F89 Safari/602.1',
    hints: {},
    device: 'mobile',
    browser: 'GSA',
    os: 'iOS',
  },

  // omrilotan/isbot fixtures/browsers.yml @ 077cd1585293a4e0d352e0102122d8e1dd6fd7da
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 13_2_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0.3 Mobile/15E148 Safari/604.1',
    hints: {},
    device: 'mobile',
    browser: 'Safari',
    os: 'iOS',
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.1 Safari/605.1.15',
    hints: {},
    device: 'desktop',
    browser: 'Safari',
    os: 'macOS',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:100.0) Gecko/20100101 Firefox/100.0',
    hints: {},
    device: 'desktop',
    browser: 'Firefox',
    os: 'Windows',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.18363',
    hints: {},
    device: 'other',
    browser: 'Edge',
    os: 'Xbox',
  },

  // shalanah/inapp-spy src/tests/mobile.ts and tablet.ts @ 06fe0c57… / bc717f57…
  {
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 10_2_1 like Mac OS X) AppleWebKit/602.1.50 (KHTML, like Gecko) CriOS/58.0.3029.113 Mobile/14D27 Safari/602.1',
    hints: {},
    device: 'mobile',
    browser: 'Chrome',
    os: 'iOS',
  },
  {
    ua: 'Mozilla/5.0 (iPad; CPU OS 10_3_1 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) Version/10.0 Mobile/14E304 Safari/602.1',
    hints: {},
    device: 'tablet',
    browser: 'Safari',
    os: 'iOS',
  },
  {
    // Chrome's reduced user agent without hints: Android 10 and model "K" are frozen placeholders.
    ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36',
    hints: {},
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
  },

  // matomo-org/device-detector Tests/fixtures/clienthints.yml @ 0143847737b220c66552d5293b455bddeeefe82c
  // (header values as sent on the wire: structured-field strings keep their quotes)
  {
    ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Mobile Safari/537.36',
    hints: {
      brands: '"Not.A/Brand";v="8", "Chromium";v="114", "Google Chrome";v="114"',
      mobile: '?1',
      platform: '"Android"',
      platformVersion: '"10.0.0"',
      model: '"Mi 9 SE"',
    },
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Mobile Safari/537.36',
    hints: {
      brands: '"Google Chrome";v="111", "Not(A:Brand";v="8", "Chromium";v="111"',
      mobile: '?1',
      platform: '"Android"',
      platformVersion: '"13.0.0"',
      model: '"22071219CG"',
    },
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/106.0.0.0 Mobile Safari/537.36',
    hints: { brands: '"Chromium";v="106", "Brave";v="106", "Not;A=Brand";v="99"', mobile: '?1', platform: '"Android"' },
    device: 'mobile',
    browser: 'Brave',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0.4692.99 Safari/537.3',
    hints: {
      brands: '" Not A;Brand";v="99", "Chromium";v="97", "Google Chrome";v="97"',
      mobile: '?0',
      platform: '"Windows"',
      platformVersion: '"14.0.0"',
    },
    device: 'desktop',
    browser: 'Chrome',
    os: 'Windows',
  },
  {
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/95.0.4638.69 Safari/537.36 Edg/95.0.1020.44',
    hints: {
      brands: '" Not A;Brand";v="99", "Chromium";v="95", "Microsoft Edge";v="95"',
      mobile: '?0',
      platform: '"Windows"',
      platformVersion: '"14.0.0"',
    },
    device: 'desktop',
    browser: 'Edge',
    os: 'Windows',
  },
  {
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/98.0.4758.109 Safari/537.36',
    hints: {
      brands: '" Not A;Brand";v="99.0.0.0", "Chromium";v="98.0.4758.109", "Google Chrome";v="98.0.4758.109"',
      mobile: '?0',
      platform: '"macOS"',
      platformVersion: '"10.14.6"',
    },
    device: 'desktop',
    browser: 'Chrome',
    os: 'macOS',
  },
  {
    ua: 'Mozilla/5.0 (X11; CrOS x86_64 14150.90.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.126 Safari/537.36',
    hints: { mobile: '?0', platform: '"Chromium OS"' },
    device: 'desktop',
    browser: 'Chrome',
    os: 'Chrome OS',
  },
  {
    ua: 'Mozilla/5.0 (Linux; Android 9; KFKAWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/98.1.148 like Chrome/98.0.4758.101 Safari/537.36',
    hints: {
      brands: '" Not A;Brand";v="99.0.0.0", "Chromium";v="98.0.4758.101"',
      mobile: '?0',
      platform: '"Android"',
      platformVersion: '"9.0.0"',
      model: '"KFKAWI"',
    },
    device: 'tablet',
    browser: 'Silk',
    os: 'Android',
  },
  {
    ua: 'Mozilla/5.0 (X11; Linux x86_64; Quest 2) AppleWebKit/537.36 (KHTML, like Gecko) OculusBrowser/24.3.0.4.63.416895357 SamsungBrowser/4.0 Chrome/106.0.5249.168 VR Safari/537.36',
    hints: { brands: '"Chromium";v="106", "Oculus Browser";v="24", "Not;A=Brand";v="99"', mobile: '?0', platform: '"Linux"' },
    device: 'other',
    browser: 'Oculus Browser',
    os: 'Linux',
  },
];
