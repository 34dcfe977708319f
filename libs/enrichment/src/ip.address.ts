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

/** Addresses that always mean "this machine": 0.0.0.0/8, 127.0.0.0/8, :: and ::1. */
const THIS_HOST = new BlockList();
THIS_HOST.addSubnet('0.0.0.0', 8, 'ipv4');
THIS_HOST.addSubnet('127.0.0.0', 8, 'ipv4');
THIS_HOST.addSubnet('::', 127, 'ipv6');

/** Loopback or unspecified: whoever connects there reaches the machine it runs on. */
export function isThisHostIp({ address, family }: IpAddress): boolean {
  return THIS_HOST.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The network a client is counted by in per-client limits: an IPv4 address as it is (IPv4-mapped
 * IPv6 included, through `parseIp`), an IPv6 address by its first `ipv6PrefixBits` bits, written
 * `2001:db8:1::/48`. A subscriber is given a /64 at the least and usually a /56 or /48, so counting
 * single IPv6 addresses would let one client pass for thousands. Null when `raw` is no address.
 */
export function clientNetwork(raw: string, ipv6PrefixBits: number): string | null {
  const ip = parseIp(raw);
  if (!ip) return null;
  if (ip.family === 4) return ip.address;
  const groups = ipv6Groups(ip.address);
  const kept = groups.map((group, i) => {
    const bits = Math.min(16, Math.max(0, ipv6PrefixBits - i * 16));
    return bits === 16 ? group : group & (0xffff << (16 - bits)) & 0xffff;
  });
  return `${kept
    .slice(0, Math.ceil(ipv6PrefixBits / 16))
    .map((group) => group.toString(16))
    .join(':')}::/${ipv6PrefixBits}`;
}

/** The 8 groups of a valid IPv6 address (zone dropped, an embedded dotted IPv4 tail read as 2 groups). */
function ipv6Groups(address: string): number[] {
  const bare = address.split('%')[0];
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(bare);
  const text = tail
    ? `${bare.slice(0, tail.index)}${((+tail[1] << 8) | +tail[2]).toString(16)}:${((+tail[3] << 8) | +tail[4]).toString(16)}`
    : bare;
  const gap = text.indexOf('::');
  const parse = (part: string): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  if (gap === -1) return parse(text);
  const head = parse(text.slice(0, gap));
  const rest = parse(text.slice(gap + 2));
  return [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest];
}

function hexToIpv4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return `${h >> 8}.${h & 0xff}.${l >> 8}.${l & 0xff}`;
}
