export const MAX_URL_LENGTH = 2048;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export interface TargetRules {
  /** the host (with port, if any) of this instance's PUBLIC_URL: links there would loop */
  ownHost?: string;
  /** https only (avatars: the page's CSP allows images from https: only) */
  httpsOnly?: boolean;
}

/** Lowercased, without a trailing dot on the host name: `Lnk.Example.com.:443` and `lnk.example.com` compare equal. */
function comparableHost(host: string): string {
  return host.toLowerCase().replace(/\.(?=:|$)/, '');
}

/** The host of an http(s) base URL such as PUBLIC_URL, as `comparableHost` writes it. */
export function hostOf(baseUrl: string): string {
  return comparableHost(new URL(baseUrl).host);
}

/**
 * Checks a URL a creator gave (a link's target, its fallback, an avatar) and returns it in its
 * normalised form (`URL.href`: lowercased scheme and host, punycode, percent-encoded path), which
 * is always a valid `Location` header. Throws a `TargetUrlError` whose message says what is wrong.
 */
export function normaliseTargetUrl(field: string, raw: string, rules: TargetRules = {}): string {
  const input = raw.trim();
  const allowed = rules.httpsOnly ? 'https' : 'http or https';
  if (input.length === 0) throw new TargetUrlError(`${field} must not be empty`);
  if (input.length > MAX_URL_LENGTH) throw new TargetUrlError(`${field} must be at most ${MAX_URL_LENGTH} characters`);
  const scheme = SCHEME.exec(input)?.[1]?.toLowerCase();
  if (!scheme) throw new TargetUrlError(`${field} must be an absolute ${allowed} URL, such as https://example.com/page`);
  const schemes = rules.httpsOnly ? ['https'] : ['http', 'https'];
  if (!schemes.includes(scheme)) throw new TargetUrlError(`${field} must be an ${allowed} URL, not ${scheme}:`);
  if (!/^https?:\/\/[^/?#]/i.test(input))
    throw new TargetUrlError(`${field} must be an absolute ${allowed} URL with a host, such as https://example.com/page`);

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new TargetUrlError(`${field} is not a valid URL`);
  }
  if (url.username || url.password) throw new TargetUrlError(`${field} must not contain a user name or password`);
  if (rules.ownHost && comparableHost(url.host) === rules.ownHost) {
    throw new TargetUrlError(
      `${field} must not point at this Linkpulse instance (${url.host}): a short link to a short link would loop`,
    );
  }
  if (url.href.length > MAX_URL_LENGTH) {
    throw new TargetUrlError(`${field} must be at most ${MAX_URL_LENGTH} characters once encoded (it has ${url.href.length})`);
  }
  return url.href;
}

export class TargetUrlError extends Error {}
