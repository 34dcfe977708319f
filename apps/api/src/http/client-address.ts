import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** TRUST_PROXY: 'true', 'false', or addresses/CIDRs/names ('loopback', 'uniquelocal') separated by commas. */
export function trustProxySetting(value: string): boolean | string[] {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  return value.split(',').map((part) => part.trim());
}

/** A request's client address; `forwardedFor` is its X-Forwarded-For header, when it has one. */
export type ClientAddress = (request: IncomingMessage, forwardedFor: string | undefined) => string;

/**
 * The client address exactly as Fastify's `request.ip` computes it for the same `trustProxy`
 * setting, for requests answered before Fastify sees them (the redirect, front-door.ts).
 */
export function clientAddressFor(trustProxy: boolean | string[]): ClientAddress {
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? '';
  const trust = trustProxy === true ? () => true : proxyAddr.compile(trustProxy);
  // without X-Forwarded-For, proxy-addr answers the peer's address whatever the trust: no need to ask it
  return (request, forwardedFor) =>
    forwardedFor === undefined ? (request.socket.remoteAddress ?? '') : proxyAddr(request, trust);
}
