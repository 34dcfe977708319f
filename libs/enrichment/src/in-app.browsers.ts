/** An app's built-in browser: what to call it as a browser, and the platform it makes the source. */
export interface InAppBrowser {
  browser: string;
  source: string;
}

/**
 * Checked in order: Messenger before Facebook (both carry FBAN/FB_IAB), Instagram and Threads before
 * Facebook. Each token is backed by real user agents in __fixtures__/in-app.user-agents.ts.
 * Telegram's and Reddit's iOS browsers add nothing to the user agent, so they cannot be named here.
 */
const IN_APP_BROWSERS: ReadonlyArray<readonly [RegExp, InAppBrowser]> = [
  [/FBAN\/Messenger|FB_IAB\/(?:MESSENGER|Orca-Android)/, { browser: 'Messenger', source: 'messenger' }],
  [/\bInstagram \d/, { browser: 'Instagram', source: 'instagram' }],
  [/\bBarcelona \d/, { browser: 'Threads', source: 'threads' }],
  [/FBAN\/|FB_IAB\/|FBAV\/|\bMetaIAB Facebook\b/, { browser: 'Facebook', source: 'facebook' }],
  [/musical_ly|BytedanceWebview|\btrill_\d/, { browser: 'TikTok', source: 'tiktok' }],
  [/Twitter for iP(?:hone|ad)|\bTwitterAndroid\b/, { browser: 'X', source: 'x' }],
  [/\[LinkedInApp\]/, { browser: 'LinkedIn', source: 'linkedin' }],
  [/Snapchat\/?\d/, { browser: 'Snapchat', source: 'snapchat' }],
  [/\[Pinterest\/(?:iOS|Android)\]/, { browser: 'Pinterest', source: 'pinterest' }],
  [/\bLine\/\d/, { browser: 'LINE', source: 'line' }],
  [/\bMicroMessenger\//, { browser: 'WeChat', source: 'wechat' }],
  [/\[(?:WAiOS|WA4A)\//, { browser: 'WhatsApp', source: 'whatsapp' }],
  [/\bReddit\/Version /, { browser: 'Reddit', source: 'reddit' }],
];

export function detectInAppBrowser(userAgent: string): InAppBrowser | null {
  for (const [pattern, app] of IN_APP_BROWSERS) {
    if (pattern.test(userAgent)) return app;
  }
  return null;
}
