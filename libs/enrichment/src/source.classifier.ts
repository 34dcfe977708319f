import type { Via } from '@app/common';
import { detectInAppBrowser } from './in-app.browsers.js';
import { platformOfHost } from './referrer.platforms.js';
import { parseUtm, sourceFromUtm, type UtmParams } from './utm.params.js';

export interface SourceInput {
  query: string;
  userAgent: string;
  referer: string;
  via: Via;
}

export interface SourceVerdict {
  source: string;
  referrerHost: string | null;
  utm: UtmParams;
}

/** SPEC section 3: the first of utm_source, in-app browser, referrer platform, via, other/direct that applies. */
export function classifySource({ query, userAgent, referer, via }: SourceInput): SourceVerdict {
  const utm = parseUtm(query);
  const referrerHost = hostOf(referer);
  return { source: pickSource(utm, userAgent, referrerHost, via), referrerHost, utm };
}

function pickSource(utm: UtmParams, userAgent: string, referrerHost: string | null, via: Via): string {
  if (utm.source) return sourceFromUtm(utm.source);
  const inApp = detectInAppBrowser(userAgent);
  if (inApp) return inApp.source;
  const platform = referrerHost ? platformOfHost(referrerHost) : null;
  if (platform) return platform;
  if (via === 'profile' || via === 'qr') return via;
  return referrerHost ? 'other' : 'direct';
}

/** The referrer's host, lowercased and without `www.`; null when none was sent or it is not a URL. */
function hostOf(referer: string): string | null {
  let host: string;
  try {
    host = new URL(referer).hostname.toLowerCase();
  } catch {
    return null;
  }
  const bare = host.startsWith('www.') ? host.slice(4) : host;
  return bare === '' ? null : bare;
}
