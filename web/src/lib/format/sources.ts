/**
 * Traffic sources as people know them: the enrichment's source keys ('instagram', 'x', 'tiktok',
 * 'google', 'profile', 'qr', 'direct', 'other', …) with a display name, a brand colour and, where
 * Simple Icons has one, the brand's mark. Unknown keys still get a name and a coloured initial.
 */
import { SOURCE_ALIASES, SOURCE_NAMES } from '../../../../libs/common/src/display.labels.ts';
import {
  siBluesky,
  siDiscord,
  siDuckduckgo,
  siFacebook,
  siGithub,
  siGmail,
  siGoogle,
  siInstagram,
  siLine,
  siMastodon,
  siMedium,
  siMessenger,
  siPinterest,
  siQuora,
  siReddit,
  siSignal,
  siSnapchat,
  siSpotify,
  siSubstack,
  siTelegram,
  siThreads,
  siTiktok,
  siTumblr,
  siTwitch,
  siVk,
  siWechat,
  siWhatsapp,
  siX,
  siYoutube,
  siBaidu,
  siBrave,
  siEcosia,
  siNaver,
  siKakaotalk,
  siPatreon,
  siVimeo,
  siLinktree,
  siYcombinator,
} from 'simple-icons';

export interface Platform {
  name: string;
  /** CSS colour of the mark */
  color: string;
  /** SVG path (24×24) of the brand mark, when there is one */
  path?: string;
  /** one of the app's own icons, for Linkpulse's own sources */
  icon?: 'profile' | 'qr' | 'direct' | 'other' | 'email';
}

type SimpleIcon = { path: string; hex: string; title: string };
const brand = (icon: SimpleIcon, name = icon.title): Platform => ({
  name,
  // black marks are drawn in the text colour so they stay visible in dark mode
  color: /^(000000|181717|111111)$/i.test(icon.hex) ? 'currentColor' : `#${icon.hex}`,
  path: icon.path,
});

export const PLATFORMS: Record<string, Platform> = {
  instagram: brand(siInstagram),
  facebook: brand(siFacebook),
  messenger: brand(siMessenger),
  tiktok: brand(siTiktok, 'TikTok'),
  x: brand(siX, 'X (Twitter)'),
  youtube: brand(siYoutube, 'YouTube'),
  linkedin: { name: 'LinkedIn', color: '#0A66C2' },
  snapchat: { ...brand(siSnapchat), color: '#E8C400' },
  pinterest: brand(siPinterest),
  reddit: brand(siReddit),
  threads: brand(siThreads),
  bluesky: brand(siBluesky),
  mastodon: brand(siMastodon),
  tumblr: brand(siTumblr),
  twitch: brand(siTwitch),
  discord: brand(siDiscord),
  whatsapp: brand(siWhatsapp, 'WhatsApp'),
  telegram: brand(siTelegram),
  signal: brand(siSignal),
  line: brand(siLine, 'LINE'),
  wechat: brand(siWechat, 'WeChat'),
  kakaotalk: brand(siKakaotalk, 'KakaoTalk'),
  vk: brand(siVk, 'VK'),
  spotify: brand(siSpotify),
  substack: brand(siSubstack),
  medium: brand(siMedium),
  patreon: brand(siPatreon),
  vimeo: brand(siVimeo),
  linktree: brand(siLinktree),
  github: brand(siGithub, 'GitHub'),
  quora: brand(siQuora),
  hackernews: brand(siYcombinator, 'Hacker News'),
  google: brand(siGoogle),
  bing: { name: 'Bing', color: '#008373' },
  duckduckgo: brand(siDuckduckgo, 'DuckDuckGo'),
  yahoo: { name: 'Yahoo', color: '#6001D2' },
  yandex: { name: 'Yandex', color: '#FC3F1D' },
  baidu: brand(siBaidu),
  brave: brand(siBrave, 'Brave Search'),
  ecosia: brand(siEcosia),
  naver: brand(siNaver),
  gmail: brand(siGmail),
  slack: { name: 'Slack', color: '#4A154B' },
  email: { name: SOURCE_NAMES.email, color: '#64748b', icon: 'email' },
  newsletter: { name: 'Newsletter', color: '#64748b', icon: 'email' },
  profile: { name: SOURCE_NAMES.profile, color: 'var(--accent)', icon: 'profile' },
  qr: { name: SOURCE_NAMES.qr, color: 'var(--text-2)', icon: 'qr' },
  direct: { name: SOURCE_NAMES.direct, color: 'var(--text-3)', icon: 'direct' },
  other: { name: SOURCE_NAMES.other, color: 'var(--text-3)', icon: 'other' },
};

/** The platform of a source key (case-insensitive); unknown ones get a name and a hashed colour. */
export function platformOf(key: string): Platform {
  const k = key.trim().toLowerCase();
  const known = PLATFORMS[k] ?? PLATFORMS[SOURCE_ALIASES[k] ?? ''];
  if (known) return known;
  return { name: key || '(none)', color: hashedColor(k) };
}

/** The platform a referrer host belongs to, if it is a well-known one (l.instagram.com → Instagram). */
export function platformOfHost(host: string): Platform | null {
  const h = host.toLowerCase().replace(/^www\./, '');
  if (h === 't.co') return PLATFORMS.x;
  if (h === 'youtu.be') return PLATFORMS.youtube;
  if (h === 'lnkd.in') return PLATFORMS.linkedin;
  if (/(^|\.)google\.[a-z.]+$/.test(h)) return PLATFORMS.google;
  const labels = h.split('.');
  for (const label of labels) {
    if (PLATFORMS[label] && !['profile', 'qr', 'direct', 'other', 'email', 'line', 'signal'].includes(label)) {
      return PLATFORMS[label];
    }
  }
  return null;
}

function hashedColor(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return `hsl(${h % 360} 45% 50%)`;
}
