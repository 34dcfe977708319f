/** Referer headers and the source and host classifySource must derive from them (no utm, no in-app browser). */
export interface ReferrerCase {
  referer: string;
  source: string;
  referrerHost: string;
}

export const REFERRERS: ReferrerCase[] = [
  // Link shims and sites named in SPEC.md section 3. Browsers send the origin only across sites
  // (Referrer-Policy strict-origin-when-cross-origin), which is what these are.
  { referer: 'https://l.instagram.com/', source: 'instagram', referrerHost: 'l.instagram.com' },
  { referer: 'https://www.instagram.com/', source: 'instagram', referrerHost: 'instagram.com' },
  { referer: 'https://t.co/', source: 'x', referrerHost: 't.co' },
  { referer: 'https://x.com/', source: 'x', referrerHost: 'x.com' },
  { referer: 'https://twitter.com/', source: 'x', referrerHost: 'twitter.com' },
  { referer: 'https://lm.facebook.com/', source: 'facebook', referrerHost: 'lm.facebook.com' },
  { referer: 'https://l.facebook.com/', source: 'facebook', referrerHost: 'l.facebook.com' },
  { referer: 'https://m.facebook.com/', source: 'facebook', referrerHost: 'm.facebook.com' },
  { referer: 'https://www.facebook.com/', source: 'facebook', referrerHost: 'facebook.com' },
  { referer: 'https://www.youtube.com/', source: 'youtube', referrerHost: 'youtube.com' },
  { referer: 'https://m.youtube.com/', source: 'youtube', referrerHost: 'm.youtube.com' },
  { referer: 'https://youtu.be/', source: 'youtube', referrerHost: 'youtu.be' },
  { referer: 'https://www.google.com/', source: 'google', referrerHost: 'google.com' },
  { referer: 'https://www.google.co.uk/', source: 'google', referrerHost: 'google.co.uk' },
  { referer: 'https://www.google.de/', source: 'google', referrerHost: 'google.de' },
  { referer: 'https://www.google.com.br/', source: 'google', referrerHost: 'google.com.br' },
  { referer: 'https://www.bing.com/', source: 'bing', referrerHost: 'bing.com' },
  { referer: 'https://duckduckgo.com/', source: 'duckduckgo', referrerHost: 'duckduckgo.com' },
  { referer: 'https://out.reddit.com/', source: 'reddit', referrerHost: 'out.reddit.com' },
  { referer: 'https://www.reddit.com/', source: 'reddit', referrerHost: 'reddit.com' },
  { referer: 'https://www.linkedin.com/', source: 'linkedin', referrerHost: 'linkedin.com' },
  { referer: 'https://lnkd.in/', source: 'linkedin', referrerHost: 'lnkd.in' },
  { referer: 'https://www.tiktok.com/', source: 'tiktok', referrerHost: 'tiktok.com' },
  { referer: 'https://www.pinterest.com/', source: 'pinterest', referrerHost: 'pinterest.com' },
  { referer: 'https://www.pinterest.fr/', source: 'pinterest', referrerHost: 'pinterest.fr' },
  { referer: 'https://pin.it/', source: 'pinterest', referrerHost: 'pin.it' },
  { referer: 'https://www.threads.net/', source: 'threads', referrerHost: 'threads.net' },
  { referer: 'https://t.me/', source: 'telegram', referrerHost: 't.me' },
  { referer: 'https://away.vk.com/', source: 'vk', referrerHost: 'away.vk.com' },
  { referer: 'https://news.ycombinator.com/', source: 'hackernews', referrerHost: 'news.ycombinator.com' },
  { referer: 'https://mail.google.com/', source: 'gmail', referrerHost: 'mail.google.com' },
  // A full URL, mixed case: only the host counts.
  { referer: 'https://WWW.Google.co.uk/search?q=linkpulse', source: 'google', referrerHost: 'google.co.uk' },

  // Telegram's web client and Android app: matomo-org/searchengine-and-social-list issue #40
  { referer: 'https://web.telegram.org/', source: 'telegram', referrerHost: 'web.telegram.org' },
  { referer: 'android-app://org.telegram.messenger', source: 'telegram', referrerHost: 'org.telegram.messenger' },
  // The Google app on Android: matomo-org/searchengine-and-social-list pull request #17 and
  // snowplow-referer-parser/referer-parser issue #131 (production counts of both forms)
  {
    referer: 'android-app://com.google.android.googlequicksearchbox',
    source: 'google',
    referrerHost: 'com.google.android.googlequicksearchbox',
  },
  {
    referer: 'android-app://com.google.android.googlequicksearchbox/https/www.google.com',
    source: 'google',
    referrerHost: 'com.google.android.googlequicksearchbox',
  },
  // snowplow-referer-parser/referer-parser pull request #229 (Gmail, Pinterest, Facebook Android apps)
  { referer: 'android-app://com.google.android.gm', source: 'gmail', referrerHost: 'com.google.android.gm' },
  { referer: 'android-app://com.pinterest/', source: 'pinterest', referrerHost: 'com.pinterest' },
  { referer: 'android-app://m.facebook.com/', source: 'facebook', referrerHost: 'm.facebook.com' },
  // pirsch-analytics/pirsch issue #88 (Slack's Android app)
  { referer: 'android-app://com.slack/', source: 'slack', referrerHost: 'com.slack' },

  // Sites that are no platform: the host is kept and the source is "other".
  { referer: 'https://news.example.org/2024/05/creator-interview', source: 'other', referrerHost: 'news.example.org' },
  { referer: 'https://www.notgoogle.com/', source: 'other', referrerHost: 'notgoogle.com' },
  { referer: 'https://google.evil.example/', source: 'other', referrerHost: 'google.evil.example' },
];
