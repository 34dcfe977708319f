/**
 * Referrer hosts mapped to the platform that sent the visitor. A domain also covers its subdomains
 * (l.instagram.com, lm.facebook.com, m.youtube.com, out.reddit.com…).
 */
const PLATFORM_DOMAINS: Readonly<Record<string, string>> = {
  'instagram.com': 'instagram',
  't.co': 'x',
  'x.com': 'x',
  'twitter.com': 'x',
  'facebook.com': 'facebook',
  'fb.me': 'facebook',
  'messenger.com': 'messenger',
  'youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'mail.google.com': 'gmail',
  'bing.com': 'bing',
  'duckduckgo.com': 'duckduckgo',
  'search.yahoo.com': 'yahoo',
  'ecosia.org': 'ecosia',
  'reddit.com': 'reddit',
  'linkedin.com': 'linkedin',
  'lnkd.in': 'linkedin',
  'tiktok.com': 'tiktok',
  'pin.it': 'pinterest',
  'threads.net': 'threads',
  'threads.com': 'threads',
  't.me': 'telegram',
  'telegram.org': 'telegram',
  'vk.com': 'vk',
  'news.ycombinator.com': 'hackernews',
  'snapchat.com': 'snapchat',
  'whatsapp.com': 'whatsapp',
  'discord.com': 'discord',
  'bsky.app': 'bluesky',
};

/** Brands with a site per country: google.de, google.co.uk, google.com.br, pinterest.fr, yandex.ru… */
const COUNTRY_SITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?:^|\.)google\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/, 'google'],
  [/(?:^|\.)pinterest\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/, 'pinterest'],
  [/(?:^|\.)yandex\.(?:[a-z]{2,3}|com\.[a-z]{2})$/, 'yandex'],
];

/** Android apps send `android-app://<package>/` as the referrer: the host is the app's package name. */
const ANDROID_PACKAGES: Readonly<Record<string, string>> = {
  'com.google.android.gm': 'gmail',
  'com.google.android.googlequicksearchbox': 'google',
  'org.telegram.messenger': 'telegram',
  'com.pinterest': 'pinterest',
  'com.slack': 'slack',
  'com.linkedin.android': 'linkedin',
  'com.reddit.frontpage': 'reddit',
  'com.twitter.android': 'x',
  'com.instagram.android': 'instagram',
  'com.facebook.katana': 'facebook',
  'com.facebook.orca': 'messenger',
  'com.zhiliaoapp.musically': 'tiktok',
  'com.whatsapp': 'whatsapp',
};

/** The platform behind a referrer host (lowercased, without `www.`), or null for any other site. */
export function platformOfHost(host: string): string | null {
  const packageSource = ANDROID_PACKAGES[host];
  if (packageSource) return packageSource;
  for (let domain = host; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) {
    const source = PLATFORM_DOMAINS[domain];
    if (source) return source;
  }
  for (const [pattern, source] of COUNTRY_SITES) {
    if (pattern.test(host)) return source;
  }
  return null;
}
