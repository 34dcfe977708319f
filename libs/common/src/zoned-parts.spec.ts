import { describe, expect, it } from '@jest/globals';
import { zonedParts } from './zoned-parts.js';

describe('zonedParts', () => {
  it('gives the wall clock of an instant, Monday = 0, in the 25-hour day of a clock change', () => {
    expect(zonedParts(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 2,
      minute: 30,
      second: 0,
      weekday: 6,
    });
    expect(zonedParts(Date.parse('2026-10-25T01:30:15Z'), 'Europe/Berlin')).toMatchObject({ hour: 2, minute: 30, second: 15 });
  });

  it('reads zones a quarter of an hour off, and midnight as hour 0', () => {
    expect(zonedParts(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Kathmandu')).toMatchObject({ hour: 5, minute: 45 });
    expect(zonedParts(Date.parse('2026-03-02T05:00:00Z'), 'America/New_York')).toMatchObject({ day: 2, hour: 0, weekday: 0 });
  });
});
