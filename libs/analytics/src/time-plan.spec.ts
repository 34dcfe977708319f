import { describe, expect, it } from '@jest/globals';
import { seededRandom } from './seeded-random.js';
import { DAY, HOUR, type Interval, planTiers, planVisitors, QUARTER, type RollupReach } from './time-plan.js';
import { ZoneClock } from './zone-clock.js';

const at = (iso: string): number => Date.parse(iso);

/** Every piece of every tier, checked: they tile [first, last) and each lies inside one bucket. */
function checkTiling(bounds: number[], pieces: [string, Interval][]): void {
  const sorted = [...pieces].sort((a, b) => a[1][0] - b[1][0]);
  let cursor = bounds[0];
  for (const [, [start, end]] of sorted) {
    expect(start).toBe(cursor);
    expect(end).toBeGreaterThan(start);
    cursor = end;
  }
  expect(cursor).toBe(bounds[bounds.length - 1]);
}

const expand = (tier: string, list: Interval[], size: number): [string, Interval][] =>
  list.flatMap(([start, end]) => {
    const out: [string, Interval][] = [];
    for (let t = start; t < end; t += size) out.push([tier, [t, t + size]]);
    return out;
  });

describe('planTiers', () => {
  it('reads a Kathmandu day as quarters at its edges and hours in between', () => {
    const clock = ZoneClock.of('Asia/Kathmandu');
    const from = at('2026-05-01T18:15:00Z');
    const to = at('2026-05-02T18:15:00Z');
    expect(clock.iso(from)).toBe('2026-05-02T00:00:00+05:45');
    expect(planTiers([from, to], [], 'all')).toEqual({
      raw: [],
      quarter: [
        [from, at('2026-05-01T19:00:00Z')],
        [at('2026-05-02T18:00:00Z'), to],
      ],
      hour: [[at('2026-05-01T19:00:00Z'), at('2026-05-02T18:00:00Z')]],
      day: [],
    });
  });

  it('uses whole UTC days, and hours around a dirty one', () => {
    const from = at('2026-05-01T10:20:00Z');
    const to = at('2026-05-05T00:00:00Z');
    const dirty = at('2026-05-03T07:00:00Z');
    expect(planTiers([from, to], [dirty], 'all')).toEqual({
      raw: [
        [from, at('2026-05-01T10:30:00Z')],
        [dirty, dirty + HOUR],
      ],
      quarter: [[at('2026-05-01T10:30:00Z'), at('2026-05-01T11:00:00Z')]],
      hour: [
        [at('2026-05-01T11:00:00Z'), at('2026-05-02T00:00:00Z')],
        [at('2026-05-03T00:00:00Z'), dirty],
        [dirty + HOUR, at('2026-05-04T00:00:00Z')],
      ],
      day: [
        [at('2026-05-02T00:00:00Z'), at('2026-05-03T00:00:00Z')],
        [at('2026-05-04T00:00:00Z'), to],
      ],
    });
  });

  it('tiles every range exactly, keeps each piece in one bucket and dirty hours in raw (property)', () => {
    const random = seededRandom(42);
    const zones = ['UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe'];
    for (let run = 0; run < 300; run++) {
      const clock = ZoneClock.of(zones[run % zones.length]);
      const from =
        at('2026-01-01T00:00:00Z') + Math.floor(random() * 300 * DAY) + (random() < 0.5 ? Math.floor(random() * HOUR) : 0);
      const to = from + Math.floor(random() * 40 * DAY) + 1;
      const unit = (['hour', 'day', 'week', 'month'] as const)[run % 4];
      const bounds = unit === 'hour' && to - from > 5 * DAY ? [from, to] : [from, ...clock.boundaries(from, to, unit), to];
      const dirty = Array.from(
        { length: Math.floor(random() * 6) },
        () => Math.floor((from + random() * (to - from)) / HOUR) * HOUR,
      )
        .sort((a, b) => a - b)
        .filter((hour, i, all) => i === 0 || hour !== all[i - 1]);
      const reach = (['all', 'hourly', 'daily', 'none'] as RollupReach[])[run % 4];
      const plan = planTiers(bounds, dirty, reach);
      const pieces: [string, Interval][] = [
        ...plan.raw.map((piece): [string, Interval] => ['raw', piece]),
        ...expand('quarter', plan.quarter, QUARTER),
        ...expand('hour', plan.hour, HOUR),
        ...expand('day', plan.day, DAY),
      ];
      checkTiling(bounds, pieces);
      if (reach !== 'all') expect(plan.quarter).toEqual([]);
      if (reach === 'daily') expect(plan.hour).toEqual([]);
      if (reach === 'none') expect(plan.hour.length + plan.day.length).toBe(0);
      // raw events are bucketed one by one; a rollup row by its start, so it must fit in one bucket
      for (const [tier, [start, end]] of pieces) {
        if (tier === 'raw') continue;
        const bucket = bounds.findIndex((bound, i) => i + 1 < bounds.length && bound <= start && start < bounds[i + 1]);
        expect(end).toBeLessThanOrEqual(bounds[bucket + 1]);
        expect(dirty.some((hour) => hour < end && hour + HOUR > start)).toBe(false);
      }
      const visitors = planVisitors(bounds, dirty, reach);
      checkTiling(bounds, [
        ...visitors.raw.map((piece): [string, Interval] => ['raw', piece]),
        ...expand('day', visitors.day, DAY),
      ]);
    }
  });
});
