import { describe, expect, it } from '@jest/globals';
import { timeAxisLabels } from './time-axis.js';

const DAY = 86_400_000;
const days = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * DAY).toISOString());

describe('timeAxisLabels', () => {
  it('puts a year of days on month starts, with the year on the first label and on January', () => {
    const labels = timeAxisLabels(days('2025-11-01T00:00:00Z', 365), 'day', 'UTC', 12);
    expect(labels.map((l) => l.text)).toEqual([
      'Nov 2025',
      'Dec',
      'Jan 2026',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
    ]);
    expect(labels[2].index).toBe(61); // 30 + 31 days after 1 November
  });

  it('thins labels to at most the number asked for', () => {
    const labels = timeAxisLabels(days('2025-11-01T00:00:00Z', 365), 'day', 'UTC', 8);
    expect(labels.map((l) => l.text)).toEqual(['Nov 2025', 'Jan 2026', 'Mar', 'May', 'Jul', 'Sep']);
  });

  it('labels the Mondays of a month of days, in the zone of the buckets', () => {
    const starts = Array.from(
      { length: 31 },
      (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}T00:00:00${i < 25 ? '+02:00' : '+01:00'}`,
    );
    const labels = timeAxisLabels(starts, 'day', 'Europe/Berlin');
    expect(labels).toEqual([
      { index: 4, text: '5 Oct' },
      { index: 11, text: '12 Oct' },
      { index: 18, text: '19 Oct' },
      { index: 25, text: '26 Oct' },
    ]);
  });

  it('labels every day of a week', () => {
    expect(timeAxisLabels(days('2026-10-05T00:00:00Z', 7), 'day', 'UTC').map((l) => l.text)).toEqual([
      '5 Oct',
      '6 Oct',
      '7 Oct',
      '8 Oct',
      '9 Oct',
      '10 Oct',
      '11 Oct',
    ]);
  });

  it('labels hours of one day every three hours, midnight by its date', () => {
    const hours = Array.from({ length: 24 }, (_, h) => new Date(Date.UTC(2026, 9, 5, h)).toISOString());
    expect(timeAxisLabels(hours, 'hour', 'UTC').map((l) => l.text)).toEqual([
      '5 Oct',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
    ]);
  });

  it('labels the midnights of a week of hours with the weekday', () => {
    const hours = Array.from({ length: 168 }, (_, h) => new Date(Date.UTC(2026, 9, 5, h)).toISOString());
    const labels = timeAxisLabels(hours, 'hour', 'UTC');
    expect(labels.map((l) => l.text)).toEqual([
      'Mon 5 Oct',
      'Tue 6 Oct',
      'Wed 7 Oct',
      'Thu 8 Oct',
      'Fri 9 Oct',
      'Sat 10 Oct',
      'Sun 11 Oct',
    ]);
  });

  it('labels months', () => {
    const months = Array.from({ length: 6 }, (_, m) => new Date(Date.UTC(2026, 9 + m, 1)).toISOString());
    expect(timeAxisLabels(months, 'month', 'UTC').map((l) => l.text)).toEqual([
      'Oct 2026',
      'Nov',
      'Dec',
      'Jan 2027',
      'Feb',
      'Mar',
    ]);
  });
});
