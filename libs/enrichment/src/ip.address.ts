import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface IpAddress {
  address: string;
  family: 4 | 6;
}

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** Special-purpose ranges (RFC 6890 and successors): never on the public internet, so never located. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The address as a client is best identified by: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes plain IPv4. */
export function parseIp(raw: string): IpAddress | null {
  const ip = raw.trim();
  if (isIPv4(ip)) return { address: ip, family: 4 };
  if (!isIPv6(ip)) return null;
  const dotted = MAPPED_DOTTED.exec(ip);
  if (dotted && isIPv4(dotted[1])) return { address: dotted[1], family: 4 };
  const hex = MAPPED_HEX.exec(ip);
  if (hex) return { address: hexToIpv4(hex[1], hex[2]), family: 4 };
  return { address: ip.toLowerCase(), family: 6 };
}

export function isPublicIp({ address, family }: IpAddress): boolean {
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function hexToIpv4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return `${h >> 8}.${h & 0xff}.${l >> 8}.${l & 0xff}`;
}
