const MAX_SLUG_LENGTH = 64;

function isSlugCharacter(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 95 // _
  );
}

/**
 * Where the slug of a request URL `/{slug}[?query]` ends (slug rules of slug.rules.ts, unescaped),
 * or -1 when its path is anything else. One pass over the characters, no allocation.
 */
export function slugEnd(url: string): number {
  if (url.charCodeAt(0) !== 47) return -1;
  let end = 1;
  while (end < url.length && end <= MAX_SLUG_LENGTH && isSlugCharacter(url.charCodeAt(end))) end++;
  if (end === 1) return -1;
  return end === url.length || url.charCodeAt(end) === 63 ? end : -1;
}

/** The raw query of a request URL, without '?'; '' when there is none. */
export function rawQuery(url: string): string {
  const mark = url.indexOf('?');
  return mark === -1 ? '' : url.slice(mark + 1);
}
