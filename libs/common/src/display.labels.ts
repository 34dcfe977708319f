/**
 * Words and rules the dashboard and the PDF report both show, defined once so the two never
 * disagree for the same range (issue #14): source names, and how a change of CTR is told.
 */

/** Names of the sources both show by key; the dashboard adds brand marks, the PDF prints the name. */
export const SOURCE_NAMES = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  x: 'X (Twitter)',
  youtube: 'YouTube',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  snapchat: 'Snapchat',
  pinterest: 'Pinterest',
  threads: 'Threads',
  reddit: 'Reddit',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  google: 'Google',
  bing: 'Bing',
  email: 'Email',
  profile: 'Your profile page',
  qr: 'QR code',
  direct: 'Direct',
  other: 'Other websites',
} as const satisfies Record<string, string>;

/** Under this many points a CTR counts as unchanged (rounding to one decimal would print 0.0). */
const FLAT_POINTS = 0.05;

/**
 * A change of a rate (CTR) in percentage points, never as a relative change: 4.0% → 5.0% is
 * "+1 pt", not "+25%". Null without a previous value to compare with.
 */
export function pointsChange(
  value: number | null | undefined,
  previous: number | null | undefined,
  locale: string,
): { direction: 'up' | 'down' | 'flat'; text: string; amount: string } | null {
  if (value === null || value === undefined || previous === null || previous === undefined) return null;
  const diff = (value - previous) * 100;
  const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(diff));
  if (Math.abs(diff) < FLAT_POINTS) return { direction: 'flat', text: '0 pts', amount: '0' };
  const direction = diff > 0 ? 'up' : 'down';
  return { direction, text: `${direction === 'up' ? '+' : '−'}${amount} ${amount === '1' ? 'pt' : 'pts'}`, amount };
}

/**
 * Short and legacy spellings of sources creators write in `utm_source`, mapped to the platform
 * names used everywhere else: the enrichment stores the platform, the dashboard names and colours it.
 */
export const SOURCE_ALIASES: Readonly<Record<string, string>> = {
  ig: 'instagram',
  insta: 'instagram',
  instagram_story: 'instagram',
  tw: 'x',
  twitter: 'x',
  fb: 'facebook',
  yt: 'youtube',
  tt: 'tiktok',
  li: 'linkedin',
  wa: 'whatsapp',
  hn: 'hackernews',
  mail: 'email',
};

/**
 * Money given in a currency's minor units (4900 EUR cents) as text in a locale: "€49.00".
 * The number of minor digits is the currency's own (JPY has none, BHD three).
 */
export function moneyText(amount: number, currency: string, locale: string, options: { perClick?: boolean } = {}): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const major = amount / 10 ** digits;
  // a fraction of a cent per click still reads: two more digits under one unit
  if (options.perClick && Math.abs(major) < 1)
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: digits + 2 }).format(major);
  return format.format(major);
}
