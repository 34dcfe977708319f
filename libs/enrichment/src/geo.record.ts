/** Where an address is, as stored: every part present, 'unknown' where the database has nothing. */
export interface Place {
  country: string;
  region: string;
  city: string;
}

export const UNKNOWN_PLACE: Readonly<Place> = Object.freeze({ country: 'unknown', region: 'unknown', city: 'unknown' });

/** The flat schema of ip-location-db files (DB-IP, GeoLite2 conversions). */
interface FlatRecord {
  country_code?: string;
  state1?: string;
  city?: string;
}

/** MaxMind's GeoIP2 / GeoLite2 City schema. */
interface MaxMindRecord {
  country?: { iso_code?: string };
  subdivisions?: Array<{ names?: { en?: string } }>;
  city?: { names?: { en?: string } };
}

/** A database record in either schema; fields it lacks read as unknown. */
export function placeFromRecord(record: object): Place {
  return isFlat(record) ? flatPlace(record) : maxMindPlace(record as MaxMindRecord);
}

function isFlat(record: object): record is FlatRecord {
  return typeof (record as FlatRecord).country_code === 'string';
}

function flatPlace(record: FlatRecord): Place {
  return {
    country: orUnknown(record.country_code),
    region: orUnknown(record.state1),
    city: orUnknown(record.city),
  };
}

function maxMindPlace(record: MaxMindRecord): Place {
  return {
    country: orUnknown(record.country?.iso_code),
    region: orUnknown(record.subdivisions?.[0]?.names?.en),
    city: orUnknown(record.city?.names?.en),
  };
}

function orUnknown(value: string | undefined): string {
  return value ? value : 'unknown';
}
