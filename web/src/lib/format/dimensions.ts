/** Labels for the values of each breakdown dimension and drill-down filter. */
import type { BreakdownDimension } from '../api/types';
import type { FilterKey } from '../api/client';

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en';
let regionNames: Intl.DisplayNames | null = null;

/** "DE" → "🇩🇪" (regional indicator symbols); '' for anything that is not two letters. */
export function flagEmoji(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return '';
  const base = 0x1f1e6;
  const up = code.toUpperCase();
  return String.fromCodePoint(base + up.charCodeAt(0) - 65, base + up.charCodeAt(1) - 65);
}

export function countryName(code: string): string {
  if (!code || code.toLowerCase() === 'unknown') return 'Unknown';
  try {
    regionNames ??= new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export const DEVICE_LABELS: Record<string, string> = {
  mobile: 'Mobile',
  tablet: 'Tablet',
  desktop: 'Desktop',
  other: 'Other devices',
};

export const VIA_LABELS: Record<string, string> = {
  direct: 'Short link',
  qr: 'QR code',
  profile: 'Profile page',
};

export const DIMENSION_LABELS: Record<BreakdownDimension | FilterKey, string> = {
  source: 'Source',
  referrer: 'Referrer',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  country: 'Country',
  region: 'Region',
  city: 'City',
  device: 'Device',
  browser: 'Browser',
  os: 'OS',
  link: 'Link',
  via: 'Via',
  bot: 'Bot',
};

/** A value as a person reads it, for chips, rows and titles. */
export function valueLabel(dim: BreakdownDimension | FilterKey, value: string, apiLabel?: string): string {
  if (value === 'unknown' || value === '') {
    if (dim === 'referrer') return 'No referrer';
    if (dim.startsWith('utm_')) return '(not set)';
    return 'Unknown';
  }
  switch (dim) {
    case 'country':
      return countryName(value);
    case 'device':
      return DEVICE_LABELS[value] ?? value;
    case 'via':
      return VIA_LABELS[value] ?? value;
    default:
      return apiLabel ?? value;
  }
}
