import { zonedParts } from '@app/common';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** how often a year is sampled for offset changes (no zone changes its offset twice within this) */
const SAMPLE_STEP = 2 * HOUR;

export type CalendarUnit = 'hour' | 'day' | 'week' | 'month';

/** A stretch of time with one UTC offset: [start, end), local = utc + offset. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

interface Transition {
  at: number;
  offset: number;
}

/**
 * A time zone's calendar, from the platform's IANA data (Intl): offsets, the instants where
 * hours, days, ISO weeks (Monday first) and months begin, and ISO 8601 labels with the offset.
 * Exact for DST, half-hour DST (Australia/Lord_Howe) and days that skip or repeat hours.
 * Offsets are found once per zone and year by sampling and bisection, then cached.
 */
export class ZoneClock {
  private static readonly clocks = new Map<string, ZoneClock>();
  private readonly years = new Map<number, Transition[]>();

  private constructor(readonly timeZone: string) {}

  static of(timeZone: string): ZoneClock {
    let clock = ZoneClock.clocks.get(timeZone);
    if (!clock) {
      clock = new ZoneClock(timeZone);
      ZoneClock.clocks.set(timeZone, clock);
    }
    return clock;
  }

  /** local − UTC in milliseconds at the instant `at` */
  offsetAt(at: number): number {
    const transitions = this.transitionsOf(new Date(at).getUTCFullYear());
    let lo = 0;
    let hi = transitions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (transitions[mid].at <= at) lo = mid;
      else hi = mid - 1;
    }
    return transitions[lo].offset;
  }

  /** The wall-clock time at `at`, as milliseconds since 1970-01-01T00:00 of the local calendar. */
  local(at: number): number {
    return at + this.offsetAt(at);
  }

  /** [from, to) cut into stretches of constant offset. */
  segments(from: number, to: number): OffsetSegment[] {
    const segments: OffsetSegment[] = [];
    const lastYear = new Date(to).getUTCFullYear();
    for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
      const transitions = this.transitionsOf(year);
      for (let i = 0; i < transitions.length; i++) {
        const start = Math.max(from, transitions[i].at);
        const end = Math.min(to, i + 1 < transitions.length ? transitions[i + 1].at : Date.UTC(year + 1, 0, 1));
        if (start >= end) continue;
        const previous = segments[segments.length - 1];
        if (previous && previous.offset === transitions[i].offset && previous.end === start) previous.end = end;
        else segments.push({ start, end, offset: transitions[i].offset });
      }
    }
    return segments;
  }

  /**
   * The instants in (from, to) where a new `unit` begins in this zone, ascending. An hour begins
   * wherever the clock reads :00 (so a repeated 02:00 begins twice) or the hour jumps; a day where
   * the date changes; a week where a Monday begins; a month where the 1st begins.
   */
  boundaries(from: number, to: number, unit: CalendarUnit): number[] {
    const grid = unit === 'hour' ? HOUR : DAY;
    const found: number[] = [];
    for (const segment of this.segments(from, to)) {
      const isTransition = segment.start > from;
      // where the offset changes, a new unit begins if its key jumps (or, for hours, the clock is
      // set back to a full hour: the repeated 02:00 of a DST end is an hour of its own)
      if (
        isTransition &&
        (this.keyChangesAt(segment.start, unit) || (unit === 'hour' && (segment.start + segment.offset) % HOUR === 0))
      ) {
        found.push(segment.start);
      }
      const firstLocal = Math.ceil((segment.start + segment.offset) / grid) * grid;
      for (let local = firstLocal; local - segment.offset < segment.end; local += grid) {
        const at = local - segment.offset;
        if (at <= from || (at === segment.start && isTransition)) continue;
        if (unit === 'hour' || this.keyChangesAt(at, unit)) found.push(at);
      }
    }
    return found;
  }

  /** The start of the `unit` that contains `at` (which may be before `at`'s range). */
  startOf(at: number, unit: CalendarUnit): number {
    if (this.keyChangesAt(at, unit) || (unit === 'hour' && this.local(at) % HOUR === 0)) return at;
    const margin = unit === 'hour' ? 3 * HOUR : unit === 'day' ? 2 * DAY : unit === 'week' ? 8 * DAY : 32 * DAY;
    const before = this.boundaries(at - margin, at, unit);
    return before.length > 0 ? before[before.length - 1] : at;
  }

  /** ISO 8601 with this zone's offset at that instant, e.g. 2026-03-29T03:00:00+02:00. */
  iso(at: number): string {
    const offset = this.offsetAt(at);
    const local = new Date(at + offset).toISOString().slice(0, 19);
    const minutes = Math.round(Math.abs(offset) / 60_000);
    const sign = offset < 0 ? '-' : '+';
    return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }

  /** Weekday (Monday = 0 … Sunday = 6) and hour of day (0–23) on this zone's clock. */
  weekdayAndHour(at: number): [number, number] {
    const local = new Date(this.local(at));
    return [(local.getUTCDay() + 6) % 7, local.getUTCHours()];
  }

  private keyChangesAt(at: number, unit: CalendarUnit): boolean {
    return keyOf(this.local(at - 1), unit) !== keyOf(this.local(at), unit);
  }

  private transitionsOf(year: number): Transition[] {
    let transitions = this.years.get(year);
    if (transitions) return transitions;
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    transitions = [{ at: start, offset: this.measure(start) }];
    let previousAt = start;
    let previousOffset = transitions[0].offset;
    for (let at = start + SAMPLE_STEP; ; at = Math.min(at + SAMPLE_STEP, end)) {
      const sampleAt = Math.min(at, end - SECOND);
      const offset = this.measure(sampleAt);
      if (offset !== previousOffset) {
        // bisect to the second: the first instant with the new offset
        let lo = previousAt;
        let hi = sampleAt;
        while (hi - lo > SECOND) {
          const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
          if (this.measure(mid) === previousOffset) lo = mid;
          else hi = mid;
        }
        transitions.push({ at: hi, offset });
        previousOffset = offset;
      }
      previousAt = sampleAt;
      if (at >= end) break;
    }
    this.years.set(year, transitions);
    return transitions;
  }

  /** The offset at `at` (to the second), straight from Intl. */
  private measure(at: number): number {
    const whole = Math.floor(at / SECOND) * SECOND;
    const parts = zonedParts(whole, this.timeZone);
    const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    // years before 100 AD are not worth a Date.UTC special case: analytics ranges start in 2000
    return local - whole;
  }
}

function keyOf(local: number, unit: CalendarUnit): number {
  switch (unit) {
    case 'hour':
      return Math.floor(local / HOUR);
    case 'day':
      return Math.floor(local / DAY);
    case 'week':
      // 1970-01-01 was a Thursday: shifting by 3 days makes weeks begin on Monday
      return Math.floor((Math.floor(local / DAY) + 3) / 7);
    case 'month': {
      const date = new Date(local);
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    }
  }
}
