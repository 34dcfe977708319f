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
