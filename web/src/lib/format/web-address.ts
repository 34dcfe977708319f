/**
 * What creators type as an address: `instagram.com/maya` means https://instagram.com/maya.
 * Anything with a scheme (`http:`, `mailto:`, `javascript:`) is left as typed, for the API to judge.
 */
export function withScheme(input: string): string {
  const value = input.trim();
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  // a host name first: letters, digits, dots and dashes with at least one dot, then a path or nothing
  return /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(?::\d+)?([/?#]|$)/u.test(value) ? `https://${value}` : value;
}

/** An absolute http or https address with a host. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}
