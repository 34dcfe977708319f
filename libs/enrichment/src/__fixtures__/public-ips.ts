/**
 * Well-known public addresses whose country has been stable for years, checked against the shipped
 * DB-IP Lite City files. Anycast resolvers that DB-IP places by their announcing site are left out.
 */
export const LOCATED_IPS: Array<{ ip: string; country: string }> = [
  { ip: '8.8.8.8', country: 'US' }, // Google Public DNS
  { ip: '81.2.69.142', country: 'GB' }, // MaxMind's documented London example address
  { ip: '77.88.8.8', country: 'RU' }, // Yandex DNS
  { ip: '2a01:4f8::1', country: 'DE' }, // Hetzner Online, Germany
  { ip: '2a02:6b8::feed:0ff', country: 'RU' }, // Yandex DNS, IPv6
  { ip: '::ffff:8.8.8.8', country: 'US' }, // IPv4-mapped form of Google Public DNS
];

/** A mix of public IPv4 and IPv6 networks for the benchmark: resolvers, hosts and ISPs on five continents. */
export const BENCH_NETWORKS: string[] = [
  '8.8.8.',
  '1.1.1.',
  '9.9.9.',
  '81.2.69.',
  '77.88.8.',
  '195.130.131.',
  '208.67.222.',
  '41.203.18.',
  '200.160.2.',
  '103.86.96.',
  '2a01:4f8::',
  '2003:e0::',
  '2a02:6b8::',
  '2001:67c:4e8::',
  '240e::',
  '2406:da00::',
  '2400:cb00::',
  '2804:14c::',
];
