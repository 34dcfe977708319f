import { describe, expect, it } from '@jest/globals';
import { formatDateTime, formatPeriod, previousPeriod } from './period.format.js';

describe('formatPeriod', () => {
  it('shows a calendar month in the zone, across the end of summer time', () => {
    const october = { from: '2026-09-30T22:00:00Z', to: '2026-10-31T23:00:00Z', tz: 'Europe/Berlin' };
    expect(formatPeriod(october)).toBe('1 – 31 October 2026');
  });

  it('shows the same instants as other days in another zone', () => {
    const october = { from: '2026-09-30T22:00:00Z', to: '2026-10-31T23:00:00Z', tz: 'America/New_York' };
    expect(formatPeriod(october)).toBe('30 September – 31 October 2026');
  });

  it('handles half-hour offsets', () => {
    // 00:00 in Kolkata (UTC+05:30) is 18:30 UTC the day before
    const week = { from: '2026-03-01T18:30:00Z', to: '2026-03-08T18:30:00Z', tz: 'Asia/Kolkata' };
    expect(formatPeriod(week)).toBe('2 – 8 March 2026');
  });

  it('names both years across a new year, and one day once', () => {
    expect(formatPeriod({ from: '2025-12-01T00:00:00Z', to: '2026-02-01T00:00:00Z', tz: 'UTC' })).toBe(
      '1 December 2025 – 31 January 2026',
    );
    expect(formatPeriod({ from: '2026-10-05T00:00:00Z', to: '2026-10-06T00:00:00Z', tz: 'UTC' })).toBe('5 October 2026');
  });
});

describe('previousPeriod', () => {
  it('is the same length, just before', () => {
    expect(previousPeriod({ from: '2026-10-08T00:00:00.000Z', to: '2026-10-15T00:00:00.000Z', tz: 'UTC' })).toEqual({
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-10-08T00:00:00.000Z',
      tz: 'UTC',
    });
  });
});

describe('formatDateTime', () => {
  it('is the date and 24-hour time in the zone, naming the zone', () => {
    expect(formatDateTime(new Date('2026-11-01T08:30:00Z'), 'Europe/Berlin')).toBe('1 November 2026, 09:30 (Europe/Berlin)');
    expect(formatDateTime(new Date('2026-11-01T00:05:00Z'), 'UTC')).toBe('1 November 2026, 00:05 (UTC)');
  });
});
