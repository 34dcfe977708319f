import type { ClientHints, DeviceType } from '@app/common';
import { UAParser } from 'ua-parser-js';
import { detectInAppBrowser } from './in-app.browsers.js';
import { LruCache } from './lru.cache.js';

export interface ParsedUserAgent {
  device: DeviceType;
  browser: string;
  os: string;
}

const UNKNOWN = 'unknown';
// Operating systems whose devices ua-parser leaves without a type because they are computers.
const DESKTOP_OS = new Set([
  'Windows',
  'macOS',
  'Linux',
  'Chrome OS',
  'Ubuntu',
  'Kubuntu',
  'Xubuntu',
  'Debian',
  'Fedora',
  'Mint',
  'Arch',
  'Manjaro',
  'elementary OS',
  'SUSE',
  'CentOS',
  'RedHat',
  'Gentoo',
  'Deepin',
  'FreeBSD',
  'OpenBSD',
  'NetBSD',
]);
const IPAD_PLATFORM = /^Mozilla\/5\.0 \(iPad;/;
const cache = new LruCache<string, ParsedUserAgent>(20_000);

/** Device type, browser and OS names (no versions, so breakdowns do not split by release). */
export function parseUserAgent(userAgent: string, hints: ClientHints): ParsedUserAgent {
  const key = cacheKey(userAgent, hints);
  let parsed = cache.get(key);
  if (!parsed) {
    // Frozen: every caller of the same user agent shares this object.
    parsed = Object.freeze(parse(userAgent, hints));
    cache.set(key, parsed);
  }
  return parsed;
}

function parse(userAgent: string, hints: ClientHints): ParsedUserAgent {
  const headers = hintHeaders(hints);
  // `new` matters: ua-parser 2.0's function form drops the headers argument when given a UA string.
  const parser = new UAParser(userAgent, headers);
  const result = headers ? parser.getResult().withClientHints() : parser.getResult();
  // In node withClientHints is synchronous; its type allows a promise only for browsers.
  const { browser, os, device } = result as UAParser.IResult;
  const osName = osNameOf(os.name);
  return {
    // Facebook's own tokens (FBSN/iPhone OS) make ua-parser take an iPad for an iPhone; the platform
    // token that opens the user agent names the device.
    device: IPAD_PLATFORM.test(userAgent) ? 'tablet' : deviceType(device.type, osName),
    browser: detectInAppBrowser(userAgent)?.browser ?? browserName(browser.name),
    os: osName,
  };
}

function hintHeaders(hints: ClientHints): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (hints.brands) headers['sec-ch-ua'] = hints.brands;
  if (hints.mobile) headers['sec-ch-ua-mobile'] = hints.mobile;
  if (hints.platform) headers['sec-ch-ua-platform'] = hints.platform;
  if (hints.platformVersion) headers['sec-ch-ua-platform-version'] = hints.platformVersion;
  if (hints.model) headers['sec-ch-ua-model'] = hints.model;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

function deviceType(type: string | undefined, osName: string): DeviceType {
  if (type === 'mobile' || type === 'tablet') return type;
  if (type === undefined && DESKTOP_OS.has(osName)) return 'desktop';
  return 'other';
}

/** Client hints say "Chromium OS" where the user agent says "Chrome OS": one name for one system. */
function osNameOf(name: string | undefined): string {
  if (!name) return UNKNOWN;
  return name === 'Chromium OS' ? 'Chrome OS' : name;
}

/** "Mobile Safari" and "Safari" are one browser; the device type already says it is a phone. */
function browserName(name: string | undefined): string {
  if (!name) return UNKNOWN;
  return name.startsWith('Mobile ') ? name.slice('Mobile '.length) : name;
}

function cacheKey(userAgent: string, hints: ClientHints): string {
  const { brands = '', mobile = '', platform = '', platformVersion = '', model = '' } = hints;
  return `${userAgent}\n${brands}\n${mobile}\n${platform}\n${platformVersion}\n${model}`;
}
