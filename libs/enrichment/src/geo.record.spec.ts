import { describe, expect, it } from '@jest/globals';
import { GEO_RECORDS } from './__fixtures__/geo.records.js';
import { placeFromRecord } from './geo.record.js';

describe('placeFromRecord', () => {
  it.each(GEO_RECORDS)('reads $name', ({ record, place }) => {
    expect(placeFromRecord(record)).toEqual(place);
  });
});
