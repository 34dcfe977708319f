import type { CapturedHeaders } from '@app/common';

/** The headers a click keeps, and X-Forwarded-For for the client address. */
export interface RedirectHeaders extends CapturedHeaders {
  'x-forwarded-for'?: string;
}

/** Node keeps the first of these when a request repeats them; it joins the others with ', '. */
const FIRST_WINS = new Set(['user-agent', 'referer']);
const WANTED = new Set([
  'user-agent',
  'referer',
  'accept-language',
  'sec-ch-ua',
  'sec-ch-ua-mobile',
  'sec-ch-ua-platform',
  'sec-ch-ua-platform-version',
  'sec-ch-ua-model',
  'x-forwarded-for',
]);
/** the lengths of the wanted names: most of a request's other headers are passed over on their length alone */
const WANTED_LENGTHS = new Set([...WANTED].map((name) => name.length));

/**
 * The wanted headers read straight from node:http's `rawHeaders`, with the values node's
 * `request.headers` would give them. Reading `request.headers` would make node build an object of
 * every header of the request, which the redirect does not otherwise need.
 */
export function redirectHeadersOf(rawHeaders: string[]): RedirectHeaders {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!WANTED_LENGTHS.has(rawHeaders[i].length)) continue;
    const name = rawHeaders[i].toLowerCase();
    if (!WANTED.has(name)) continue;
    const known = headers[name];
    if (known === undefined) headers[name] = rawHeaders[i + 1];
    else if (!FIRST_WINS.has(name)) headers[name] = `${known}, ${rawHeaders[i + 1]}`;
  }
  return headers;
}
