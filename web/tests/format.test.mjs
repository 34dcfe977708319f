/**
 * Unit tests of the dashboard's pure functions (time zones, ranges, number formatting), loaded
 * through Vite so the TypeScript sources are tested as they are. Run: node --test web/tests/
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';

const vite = await createServer({
  configFile: false,
  root: fileURLToPath(new URL('..', import.meta.url)),
  logLevel: 'silent',
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
});
after(() => vite.close());
const time = await vite.ssrLoadModule('/src/lib/format/time.ts');
const ranges = await vite.ssrLoadModule('/src/lib/state/ranges.ts');
const numbers = await vite.ssrLoadModule('/src/lib/format/numbers.ts');
const dims = await vite.ssrLoadModule('/src/lib/format/dimensions.ts');
const iso = (ms) => new Date(ms).toISOString();

test('start of day is exact in every kind of zone', () => {
  const cases = [
    ['Europe/Berlin', { year: 2026, month: 3, day: 29 }, '2026-03-28T23:00:00.000Z'], // spring-forward day
    ['Europe/Berlin', { year: 2026, month: 10, day: 25 }, '2026-10-24T22:00:00.000Z'], // fall-back day
    ['America/Santiago', { year: 2026, month: 9, day: 6 }, '2026-09-06T04:00:00.000Z'], // midnight does not exist
    ['Asia/Kathmandu', { year: 2026, month: 1, day: 1 }, '2025-12-31T18:15:00.000Z'], // +5:45
    ['Australia/Lord_Howe', { year: 2026, month: 10, day: 4 }, '2026-10-03T13:30:00.000Z'], // half-hour DST
    ['Asia/Kolkata', { year: 2026, month: 6, day: 1 }, '2026-05-31T18:30:00.000Z'],
  ];
  for (const [tz, date, expected] of cases) {
    const start = time.startOfDay(date, tz);
    assert.equal(iso(start), expected, tz);
    assert.deepEqual(time.calendarDate(start, tz), date, `${tz} local date`);
    assert.notDeepEqual(time.calendarDate(start - 1, tz), date, `${tz} previous instant is the day before`);
  }
});

test('wall times in a DST gap or overlap resolve predictably', () => {
  assert.equal(iso(time.zonedToUtc(2026, 3, 29, 2, 30, 'Europe/Berlin')), '2026-03-29T01:30:00.000Z'); // after the gap
  assert.equal(iso(time.zonedToUtc(2026, 10, 25, 2, 30, 'Europe/Berlin')), '2026-10-25T00:30:00.000Z'); // first 02:30
  assert.equal(
    time.fromDateTimeLocal(time.toDateTimeLocal(Date.parse('2026-07-01T10:15:00Z'), 'America/New_York'), 'America/New_York'),
    Date.parse('2026-07-01T10:15:00Z'),
  );
});

test('presets are calendar days in the zone, ending now', () => {
  const now = Date.parse('2026-11-25T08:41:00Z');
  const tz = 'Asia/Kolkata';
  const r = (p) => ranges.resolveRange(p, null, now, tz);
  assert.equal(iso(r('today').from), '2026-11-24T18:30:00.000Z');
  assert.equal(iso(r('24h').from), '2026-11-24T08:41:00.000Z');
  assert.equal(iso(r('7d').from), '2026-11-18T18:30:00.000Z');
  assert.equal(iso(r('30d').from), '2026-10-26T18:30:00.000Z');
  assert.equal(iso(r('12mo').from), '2025-11-30T18:30:00.000Z');
  for (const p of ['today', '24h', '7d', '30d', '90d', '12mo']) assert.equal(r(p).to, now);
  const custom = ranges.resolveRange('custom', ranges.parseCustom('2026-03-31', '2026-03-01'), now, 'Europe/Berlin');
  assert.equal(iso(custom.from), '2026-02-28T23:00:00.000Z');
  assert.equal(iso(custom.to), '2026-03-31T22:00:00.000Z'); // the day after the last one, DST included
  assert.equal(ranges.parseCustom('2026-02-30', '2026-03-01'), null);
  assert.equal(ranges.nowMinute(Date.parse('2026-01-01T00:00:01Z')), Date.parse('2026-01-01T00:01:00Z'));
});

test('intervals offered fit the range', () => {
  const H = 3_600_000;
  assert.deepEqual(ranges.allowedIntervals({ from: 0, to: 24 * H }), ['hour']);
  assert.deepEqual(ranges.allowedIntervals({ from: 0, to: 7 * 24 * H }), ['hour', 'day']);
  assert.deepEqual(ranges.allowedIntervals({ from: 0, to: 90 * 24 * H }), ['day', 'week', 'month']);
  assert.equal(ranges.defaultInterval('12mo', { from: 0, to: 365 * 24 * H }), 'month');
});

test('changes against the previous period', () => {
  assert.equal(numbers.formatChange(120, 100, 0.2).direction, 'up');
  assert.match(numbers.formatChange(120, 100, 0.2).text, /^\+20/);
  assert.equal(numbers.formatChange(80, 100, -0.2).direction, 'down');
  assert.equal(numbers.formatChange(5, 0, null).direction, 'new');
  assert.equal(numbers.formatChange(0, 0, null).direction, 'none');
  assert.equal(numbers.formatChange(5, undefined, undefined).direction, 'none');
  assert.equal(numbers.formatPointsChange(0.412, 0.377).text, '+3.5 pts');
});

test('countries read as people know them', () => {
  assert.equal(dims.flagEmoji('DE'), '🇩🇪');
  assert.equal(dims.flagEmoji('unknown'), '');
  assert.equal(dims.countryName('DE'), 'Germany');
  assert.equal(dims.valueLabel('country', 'unknown'), 'Unknown');
  assert.equal(dims.valueLabel('via', 'qr'), 'QR code');
});
