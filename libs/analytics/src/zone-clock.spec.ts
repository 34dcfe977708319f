import { describe, expect, it } from '@jest/globals';
import { ZoneClock } from './zone-clock.js';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const lengths = (points: number[]): number[] => points.slice(1).map((point, i) => (point - points[i]) / HOUR);

describe('ZoneClock', () => {
  it('knows the offsets of DST and quarter-hour zones', () => {
    expect(ZoneClock.of('Europe/Berlin').offsetAt(at('2026-01-15T12:00:00Z'))).toBe(HOUR);
    expect(ZoneClock.of('Europe/Berlin').offsetAt(at('2026-07-15T12:00:00Z'))).toBe(2 * HOUR);
    expect(ZoneClock.of('Asia/Kathmandu').offsetAt(at('2026-07-15T12:00:00Z'))).toBe(5.75 * HOUR);
    expect(ZoneClock.of('America/St_Johns').offsetAt(at('2026-01-15T12:00:00Z'))).toBe(-3.5 * HOUR);
    expect(ZoneClock.of('Australia/Lord_Howe').offsetAt(at('2026-01-15T12:00:00Z'))).toBe(11 * HOUR);
    expect(ZoneClock.of('Australia/Lord_Howe').offsetAt(at('2026-07-15T12:00:00Z'))).toBe(10.5 * HOUR);
  });

  it('finds the instant of a DST change to the second', () => {
    const berlin = ZoneClock.of('Europe/Berlin');
    expect(berlin.offsetAt(at('2026-03-29T00:59:59Z'))).toBe(HOUR);
    expect(berlin.offsetAt(at('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
    expect(berlin.segments(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toEqual([
      { start: at('2026-03-28T00:00:00Z'), end: at('2026-03-29T01:00:00Z'), offset: HOUR },
      { start: at('2026-03-29T01:00:00Z'), end: at('2026-03-30T00:00:00Z'), offset: 2 * HOUR },
    ]);
  });

  it('gives DST days 23 and 25 hours', () => {
    const berlin = ZoneClock.of('Europe/Berlin');
    const days = berlin.boundaries(at('2026-03-27T12:00:00Z'), at('2026-03-31T12:00:00Z'), 'day');
    expect(days.map((day) => berlin.iso(day))).toEqual([
      '2026-03-28T00:00:00+01:00',
      '2026-03-29T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      '2026-03-31T00:00:00+02:00',
    ]);
    expect(lengths(days)).toEqual([24, 23, 24]);
    const autumn = berlin.boundaries(at('2026-10-24T12:00:00Z'), at('2026-10-27T12:00:00Z'), 'day');
    expect(lengths(autumn)).toEqual([25, 24]);
  });

  it('repeats the hour the clock goes back over, and skips the one it jumps', () => {
    const berlin = ZoneClock.of('Europe/Berlin');
    const hours = berlin.boundaries(at('2026-10-24T22:00:00Z') - 1, at('2026-10-25T23:00:00Z') + 1, 'hour');
    expect(hours).toHaveLength(26);
    expect(hours.slice(2, 5).map((hour) => berlin.iso(hour))).toEqual([
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ]);
    const spring = berlin.boundaries(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'hour');
    expect(spring.map((hour) => berlin.iso(hour)).slice(0, 2)).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
    ]);
  });

  it('handles the half-hour DST of Lord Howe Island', () => {
    const lordHowe = ZoneClock.of('Australia/Lord_Howe');
    // DST begins on the first Sunday of October 2026 at 02:00 (+10:30), the clock jumps to 02:30 (+11)
    const days = lordHowe.boundaries(at('2026-10-02T12:00:00Z'), at('2026-10-05T12:00:00Z'), 'day');
    expect(lengths(days)).toEqual([24, 23.5]);
    const hours = lordHowe.boundaries(at('2026-10-03T14:00:00Z'), at('2026-10-03T17:00:00Z'), 'hour');
    expect(hours.map((hour) => lordHowe.iso(hour))).toEqual([
      '2026-10-04T01:00:00+10:30',
      '2026-10-04T02:30:00+11:00',
      '2026-10-04T03:00:00+11:00',
    ]);
    // DST ends on the first Sunday of April 2026 at 02:00 (+11), the clock goes back to 01:30 (+10:30)
    const april = lordHowe.boundaries(at('2026-04-03T12:00:00Z'), at('2026-04-06T12:00:00Z'), 'day');
    expect(lengths(april)).toEqual([24, 24.5]);
  });

  it('starts days of quarter-hour zones at the quarter', () => {
    const kathmandu = ZoneClock.of('Asia/Kathmandu');
    const days = kathmandu.boundaries(at('2026-05-01T00:00:00Z'), at('2026-05-03T00:00:00Z'), 'day');
    expect(days.map((day) => new Date(day).toISOString())).toEqual(['2026-05-01T18:15:00.000Z', '2026-05-02T18:15:00.000Z']);
    expect(kathmandu.iso(days[0])).toBe('2026-05-02T00:00:00+05:45');
    const stJohns = ZoneClock.of('America/St_Johns');
    expect(stJohns.iso(stJohns.boundaries(at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'), 'day')[0])).toBe(
      '2026-01-01T00:00:00-03:30',
    );
  });

  it('begins weeks on Monday and months on the 1st', () => {
    const newYork = ZoneClock.of('America/New_York');
    const weeks = newYork.boundaries(at('2026-03-01T00:00:00Z'), at('2026-03-31T00:00:00Z'), 'week');
    expect(weeks.map((week) => newYork.iso(week))).toEqual([
      '2026-03-02T00:00:00-05:00',
      '2026-03-09T00:00:00-04:00',
      '2026-03-16T00:00:00-04:00',
      '2026-03-23T00:00:00-04:00',
      '2026-03-30T00:00:00-04:00',
    ]);
    const months = newYork.boundaries(at('2026-01-15T00:00:00Z'), at('2026-12-15T00:00:00Z'), 'month');
    expect(months).toHaveLength(11);
    expect(newYork.iso(months[10])).toBe('2026-12-01T00:00:00-05:00');
  });

  it('finds the start of the unit around an instant', () => {
    const berlin = ZoneClock.of('Europe/Berlin');
    expect(berlin.iso(berlin.startOf(at('2026-03-29T10:30:00Z'), 'day'))).toBe('2026-03-29T00:00:00+01:00');
    expect(berlin.iso(berlin.startOf(at('2026-03-04T10:30:00Z'), 'week'))).toBe('2026-03-02T00:00:00+01:00');
    expect(berlin.iso(berlin.startOf(at('2026-03-31T23:30:00Z'), 'month'))).toBe('2026-04-01T00:00:00+02:00');
    expect(berlin.iso(berlin.startOf(at('2026-03-04T10:30:00Z'), 'hour'))).toBe('2026-03-04T11:00:00+01:00');
    expect(berlin.weekdayAndHour(at('2026-03-29T22:30:00Z'))).toEqual([0, 0]);
  });
});
