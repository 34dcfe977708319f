import { describe, expect, it } from '@jest/globals';
import { ZoneClock } from '@app/analytics';
import {
  dueSchedules,
  instantAtWallTime,
  nextDueAt,
  periodFor,
  type ScheduleState,
  type ScheduleTiming,
} from './report-schedule.period.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();
const weekly = (dayOfWeek: number, hour: number, tz: string): ScheduleTiming => ({ frequency: 'weekly', dayOfWeek, hour, tz });
const monthly = (hour: number, tz: string): ScheduleTiming => ({ frequency: 'monthly', dayOfWeek: null, hour, tz });

function period(timing: ScheduleTiming, now: string) {
  const p = periodFor(timing, at(now));
  return { dueAt: iso(p.dueAt), from: iso(p.from), to: iso(p.to), key: p.key };
}

describe('periodFor, weekly', () => {
  it('on Monday 08:00 UTC covers Monday to Sunday of the week that just ended', () => {
    expect(period(weekly(1, 8, 'UTC'), '2026-11-23T08:00:00Z')).toEqual({
      dueAt: '2026-11-23T08:00:00.000Z',
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
      key: '2026-11-16',
    });
  });

  it('a second before the hour, the latest due period is the week before', () => {
    expect(period(weekly(1, 8, 'UTC'), '2026-11-23T07:59:59.999Z')).toMatchObject({
      dueAt: '2026-11-16T08:00:00.000Z',
      key: '2026-11-09',
    });
  });

  it('days later (a worker that was down), it is still the latest due period only', () => {
    expect(period(weekly(1, 8, 'UTC'), '2026-11-29T23:00:00Z')).toMatchObject({
      dueAt: '2026-11-23T08:00:00.000Z',
      key: '2026-11-16',
    });
  });

  it("in Asia/Tokyo, Monday 08:00 is Sunday 23:00 UTC, and the week is Tokyo's Monday to Sunday", () => {
    expect(period(weekly(1, 8, 'Asia/Tokyo'), '2026-11-22T23:00:00Z')).toEqual({
      dueAt: '2026-11-22T23:00:00.000Z',
      from: '2026-11-15T15:00:00.000Z',
      to: '2026-11-22T15:00:00.000Z',
      key: '2026-11-16',
    });
    expect(period(weekly(1, 8, 'Asia/Tokyo'), '2026-11-22T22:59:59Z')).toMatchObject({
      dueAt: '2026-11-15T23:00:00.000Z',
      key: '2026-11-09',
    });
  });

  it('in Pacific/Auckland (NZDT, UTC+13), Monday 08:00 is Sunday 19:00 UTC', () => {
    expect(period(weekly(1, 8, 'Pacific/Auckland'), '2026-11-22T19:00:00Z')).toEqual({
      dueAt: '2026-11-22T19:00:00.000Z',
      from: '2026-11-15T11:00:00.000Z',
      to: '2026-11-22T11:00:00.000Z',
      key: '2026-11-16',
    });
  });

  it('a week with the end of DST is 169 hours long', () => {
    const p = periodFor(weekly(1, 9, 'Europe/Berlin'), at('2026-10-26T08:00:00Z'));
    expect([iso(p.from), iso(p.to), iso(p.dueAt)]).toEqual([
      '2026-10-18T22:00:00.000Z',
      '2026-10-25T23:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
    expect((p.to - p.from) / 3_600_000).toBe(169);
  });

  it('an hour the clock skips (02:00 when New York springs forward) fires when the gap ends', () => {
    expect(period(weekly(7, 2, 'America/New_York'), '2026-03-08T07:00:00Z')).toMatchObject({
      dueAt: '2026-03-08T07:00:00.000Z', // 03:00 EDT
      from: '2026-03-01T05:00:00.000Z',
      to: '2026-03-08T05:00:00.000Z',
      key: '2026-03-01',
    });
  });

  it('an hour the clock repeats (02:00 when Berlin falls back) fires at its first occurrence, 02:00 CEST', () => {
    expect(period(weekly(7, 2, 'Europe/Berlin'), '2026-10-25T01:30:00Z')).toMatchObject({ dueAt: '2026-10-25T00:00:00.000Z' });
  });

  it('every weekday: the due day is that weekday in the zone', () => {
    for (let day = 1; day <= 7; day++) {
      const p = periodFor(weekly(day, 12, 'Asia/Kathmandu'), at('2026-11-25T09:00:00Z'));
      const [weekday, hour] = ZoneClock.of('Asia/Kathmandu').weekdayAndHour(p.dueAt);
      expect([weekday + 1, hour]).toEqual([day, 12]);
      expect(p.dueAt).toBeLessThanOrEqual(at('2026-11-25T09:00:00Z'));
      expect(at('2026-11-25T09:00:00Z') - p.dueAt).toBeLessThan(7 * 86_400_000);
    }
  });
});

describe('periodFor, monthly', () => {
  it('on the 1st at 06:00 in Berlin covers the previous calendar month there', () => {
    expect(period(monthly(6, 'Europe/Berlin'), '2026-11-01T05:00:00Z')).toEqual({
      dueAt: '2026-11-01T05:00:00.000Z',
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
      key: '2026-10',
    });
    expect(period(monthly(6, 'Europe/Berlin'), '2026-11-01T04:59:59Z')).toMatchObject({
      dueAt: '2026-10-01T04:00:00.000Z',
      key: '2026-09',
    });
  });

  it('in January covers December of the year before', () => {
    expect(period(monthly(0, 'UTC'), '2027-01-01T00:00:00Z')).toEqual({
      dueAt: '2027-01-01T00:00:00.000Z',
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      key: '2026-12',
    });
    expect(period(monthly(0, 'UTC'), '2026-12-31T23:59:59Z')).toMatchObject({
      dueAt: '2026-12-01T00:00:00.000Z',
      key: '2026-11',
    });
  });

  it('where the 1st begins on the day before in UTC (Auckland)', () => {
    expect(period(monthly(8, 'Pacific/Auckland'), '2026-11-30T19:00:00Z')).toEqual({
      dueAt: '2026-11-30T19:00:00.000Z',
      from: '2026-10-31T11:00:00.000Z',
      to: '2026-11-30T11:00:00.000Z',
      key: '2026-11',
    });
  });
});

describe('nextDueAt', () => {
  it('is the next firing after now, never now itself', () => {
    const tokyo = weekly(1, 8, 'Asia/Tokyo');
    expect(iso(nextDueAt(tokyo, at('2026-11-22T22:59:59Z')))).toBe('2026-11-22T23:00:00.000Z');
    expect(iso(nextDueAt(tokyo, at('2026-11-22T23:00:00Z')))).toBe('2026-11-29T23:00:00.000Z');
    expect(iso(nextDueAt(monthly(6, 'Europe/Berlin'), at('2026-11-25T12:00:00Z')))).toBe('2026-12-01T05:00:00.000Z');
    expect(iso(nextDueAt(monthly(0, 'UTC'), at('2026-12-31T23:00:00Z')))).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('instantAtWallTime', () => {
  it('gives the instant each local day begins, as the analytics clock finds it, in zones with DST at midnight', () => {
    for (const tz of [
      'America/Santiago',
      'America/Havana',
      'Asia/Beirut',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ]) {
      const clock = ZoneClock.of(tz);
      for (let instant = at('2026-01-01T12:00:00Z'); instant < at('2027-01-01T00:00:00Z'); instant += 86_400_000) {
        const day = Math.floor(clock.local(instant) / 86_400_000);
        expect([tz, iso(instantAtWallTime(clock, day * 86_400_000))]).toEqual([tz, iso(clock.startOf(instant, 'day'))]);
      }
    }
  });
});

describe('dueSchedules', () => {
  const schedule = (fields: Partial<ScheduleState>): ScheduleState => ({
    id: 's',
    creatorId: 'c',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    lastPeriod: null,
    ...weekly(1, 8, 'UTC'),
    ...fields,
  });
  const keys = (schedules: ScheduleState[], now: string) =>
    dueSchedules(schedules, at(now)).map((d) => `${d.schedule.id}:${d.period.key}`);

  it('fires a period once: not before its hour, then until last_period holds its key', () => {
    expect(keys([schedule({ lastPeriod: '2026-11-09' })], '2026-11-23T07:59:00Z')).toEqual([]);
    expect(keys([schedule({ lastPeriod: '2026-11-09' })], '2026-11-23T08:00:00Z')).toEqual(['s:2026-11-16']);
    expect(keys([schedule({ lastPeriod: '2026-11-16' })], '2026-11-23T08:05:00Z')).toEqual([]);
  });

  it('never for a period due before the schedule was created', () => {
    expect(keys([schedule({ createdAt: new Date('2026-11-23T08:00:01Z') })], '2026-11-24T00:00:00Z')).toEqual([]);
    expect(keys([schedule({ createdAt: new Date('2026-11-23T08:00:00Z') })], '2026-11-24T00:00:00Z')).toEqual(['s:2026-11-16']);
  });

  it('after weeks without a tick, only the latest due period', () => {
    expect(keys([schedule({ lastPeriod: '2026-10-26' })], '2026-11-25T12:00:00Z')).toEqual(['s:2026-11-16']);
  });

  it('monthly keys and weekly keys each sort in time order', () => {
    const s = schedule({ ...monthly(0, 'UTC'), lastPeriod: '2026-09' });
    expect(keys([s], '2026-11-01T00:00:00Z')).toEqual(['s:2026-10']);
    expect(keys([{ ...s, lastPeriod: '2026-10' }], '2026-11-30T00:00:00Z')).toEqual([]);
  });
});
