import { ZoneClock } from '@app/analytics';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** When a schedule fires: weekly on `dayOfWeek` (1 = Monday … 7 = Sunday) or monthly on the 1st, at `hour`:00 in `tz`. */
export interface ScheduleTiming {
  frequency: ReportFrequency;
  /** weekly only; null for monthly */
  dayOfWeek: number | null;
  hour: number;
  tz: string;
}

/** What the schedule tick needs to know of a schedule. */
export interface ScheduleState extends ScheduleTiming {
  id: string;
  creatorId: string;
  createdAt: Date;
  /** key of the latest period a report was made for; null before the first */
  lastPeriod: string | null;
}

/** One period of a schedule: when its report is due, what it covers, and its key. */
export interface SchedulePeriod {
  /** the schedule's hour on its day, in its zone: the earliest its report is made */
  dueAt: number;
  /** the period covered, [from, to): whole local days that ended before the due day began */
  from: number;
  to: number;
  /**
   * Names the period, and sorts in time order among one schedule's keys: weekly, the first local day
   * covered ('2026-11-16'); monthly, the month covered ('2026-10'). No ':' (it goes into job ids).
   */
  key: string;
}

/**
 * The instant at which the zone's clock first reads `wall` (milliseconds since 1970-01-01T00:00 of
 * the local calendar). A wall time the clock skips (a DST gap) becomes the instant the gap ends, as
 * the day of a midnight DST change begins at 01:00; a repeated one (DST end) is its first occurrence.
 */
export function instantAtWallTime(clock: ZoneClock, wall: number): number {
  // no zone is more than 14 hours from UTC: every instant reading `wall` lies in this window
  const segments = clock.segments(wall - 26 * HOUR, wall + 26 * HOUR);
  for (const segment of segments) {
    const at = wall - segment.offset;
    if (at >= segment.start && at < segment.end) return at;
  }
  const after = segments.find((segment) => segment.start + segment.offset > wall);
  if (!after) throw new Error(`no instant reads ${new Date(wall).toISOString()} in ${clock.timeZone}`);
  return after.start;
}

/** The local calendar day (days since 1970-01-01 in the zone) that `at` falls on. */
const localDay = (clock: ZoneClock, at: number): number => Math.floor(clock.local(at) / DAY);
/** ISO weekday of a local day, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (day: number): number => ((day + 3) % 7) + 1;
const dayAt = (clock: ZoneClock, day: number, hour = 0): number => instantAtWallTime(clock, day * DAY + hour * HOUR);
const monthStartDay = (year: number, month: number): number => Date.UTC(year, month, 1) / DAY;
const dateKey = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The local day the schedule fires on at or before local day `day`, and the one after it. */
function firingDays(
  timing: ScheduleTiming,
  day: number,
): { latest: number; next: (firing: number) => number; previous: (firing: number) => number } {
  if (timing.frequency === 'weekly') {
    const latest = day - ((weekdayOf(day) - (timing.dayOfWeek ?? 1) + 7) % 7);
    return { latest, next: (firing) => firing + 7, previous: (firing) => firing - 7 };
  }
  const date = new Date(day * DAY);
  const shift = (firing: number, months: number): number => {
    const first = new Date(firing * DAY);
    return monthStartDay(first.getUTCFullYear(), first.getUTCMonth() + months);
  };
  return {
    latest: monthStartDay(date.getUTCFullYear(), date.getUTCMonth()),
    next: (firing) => shift(firing, 1),
    previous: (firing) => shift(firing, -1),
  };
}

/** The period whose report fires on local day `firing` (the due day). */
function periodFiringOn(
  clock: ZoneClock,
  timing: ScheduleTiming,
  firing: number,
  previous: (firing: number) => number,
): SchedulePeriod {
  const start = timing.frequency === 'weekly' ? firing - 7 : previous(firing);
  return {
    dueAt: dayAt(clock, firing, timing.hour),
    from: dayAt(clock, start),
    to: dayAt(clock, firing),
    key: timing.frequency === 'weekly' ? dateKey(start) : dateKey(start).slice(0, 7),
  };
}

/**
 * The latest period of a schedule that is due at `now` (its due instant ≤ now).
 * Weekly: the 7 local days [due day − 7, due day) — for a Monday schedule, Monday to Sunday of the
 * week that just ended. Monthly: the calendar month before the due 1st. Days are the zone's, DST
 * included (a week with a DST change is 167 or 169 hours long).
 */
export function periodFor(timing: ScheduleTiming, now: number): SchedulePeriod {
  const clock = ZoneClock.of(timing.tz);
  const days = firingDays(timing, localDay(clock, now));
  let firing = days.latest;
  if (dayAt(clock, firing, timing.hour) > now) firing = days.previous(firing);
  return periodFiringOn(clock, timing, firing, days.previous);
}

/** The first due instant after `now`: when the schedule next fires. */
export function nextDueAt(timing: ScheduleTiming, now: number): number {
  const clock = ZoneClock.of(timing.tz);
  const days = firingDays(timing, localDay(clock, now));
  let firing = days.latest;
  while (dayAt(clock, firing, timing.hour) <= now) firing = days.next(firing);
  return dayAt(clock, firing, timing.hour);
}

/**
 * The schedules whose latest due period has no report yet, with that period. A schedule fires only
 * for periods due after it was created, and only for the latest due one: a worker that was down
 * when a report was due makes it on its next tick (catch-up), but makes one report, not one for
 * every period missed.
 */
export function dueSchedules<S extends ScheduleState>(schedules: S[], now: number): { schedule: S; period: SchedulePeriod }[] {
  const due: { schedule: S; period: SchedulePeriod }[] = [];
  for (const schedule of schedules) {
    const period = periodFor(schedule, now);
    if (period.dueAt < schedule.createdAt.getTime()) continue;
    if (schedule.lastPeriod !== null && schedule.lastPeriod >= period.key) continue;
    due.push({ schedule, period });
  }
  return due;
}
