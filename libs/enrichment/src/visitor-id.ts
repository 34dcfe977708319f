import { createHmac } from 'node:crypto';
import { parseIp } from './ip.address.js';

const MIN_SALT_BYTES = 16;

/**
 * The day's anonymous visitor id: HMAC-SHA256 keyed with the daily salt over (creator, IP, user agent),
 * 128 bits in hex. Once the salt is deleted nobody can test an IP against stored ids, and the IP itself
 * goes no further than this function.
 */
export function visitorId(salt: Buffer, creatorId: string, ip: string, userAgent: string): string {
  if (salt.length < MIN_SALT_BYTES) throw new Error(`visitor id salt must be at least ${MIN_SALT_BYTES} bytes`);
  // One client seen over IPv4 and as IPv4-mapped IPv6 on a dual-stack socket is one visitor.
  const address = parseIp(ip)?.address ?? ip;
  const mac = createHmac('sha256', salt);
  // Length-prefixed fields: ("ab", "c") and ("a", "bc") never hash alike.
  for (const field of [creatorId, address, userAgent]) {
    mac.update(`${Buffer.byteLength(field)}:`).update(field);
  }
  return mac.digest('hex').slice(0, 32);
}
