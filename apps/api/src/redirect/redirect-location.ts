import type { Via } from '@app/common';

/** Linkpulse's own parameters: consumed by the redirect, never forwarded to the target. */
const OWN_PARAMETERS = ['qr', 'via'];

export function viaOf(params: URLSearchParams): Via {
  if (params.get('qr') === '1') return 'qr';
  if (params.get('via') === 'profile') return 'profile';
  return 'direct';
}

/** The target with the request's query merged in; for a parameter both have, the request's values win. */
export function redirectLocation(target: string, params: URLSearchParams): string {
  for (const name of OWN_PARAMETERS) params.delete(name);
  if (params.size === 0) return target;
  const url = new URL(target);
  for (const name of params.keys()) url.searchParams.delete(name);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url.toString();
}

export const CLICK_ID_PARAMETER = 'lp_cid';

/**
 * The location with `lp_cid=<click id>` added for a conversion-tracked link, before any fragment;
 * a location that already carries an `lp_cid` (the target's own, or the request's) keeps it. Plain
 * string work: the URL is parsed only when `lp_cid=` already appears in it.
 */
export function withClickId(location: string, clickId: string): string {
  const hash = location.indexOf('#');
  const beforeHash = hash === -1 ? location : location.slice(0, hash);
  const query = beforeHash.indexOf('?');
  if (query !== -1 && beforeHash.includes(`${CLICK_ID_PARAMETER}=`, query)) {
    if (new URLSearchParams(beforeHash.slice(query + 1)).has(CLICK_ID_PARAMETER)) return location;
  }
  const separator = query === -1 ? '?' : beforeHash.endsWith('?') || beforeHash.endsWith('&') ? '' : '&';
  return `${beforeHash}${separator}${CLICK_ID_PARAMETER}=${clickId}${hash === -1 ? '' : location.slice(hash)}`;
}
