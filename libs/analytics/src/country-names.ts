const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "DE" → "Germany"; 'unknown' → "Unknown"; a code Intl does not know stays as it is. */
export function countryName(code: string): string {
  if (!code || code === 'unknown') return 'Unknown';
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
