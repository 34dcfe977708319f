const DAY_MS = 86_400_000;
/** clocks of API replicas may differ a little: a click stamped this much after its conversion still counts */
const CLOCK_SKEW_MS = 5 * 60_000;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * When a click happened, read from its id: a click id is the capture id, a UUID v7 whose first 48
 * bits are the capture time in milliseconds, and the click is stored under exactly that time. This
 * turns a click id into a primary-key lookup of the partitioned events. Null: not a click id.
 */
export function clickTimeOf(clickId: string): Date | null {
  if (!UUID_V7.test(clickId)) return null;
  return new Date(parseInt(clickId.slice(0, 8) + clickId.slice(9, 13), 16));
}

/** The instants, both included, within which a conversion belongs to a click at `clickAt`. */
export function attributionWindow(clickAt: Date, attributionDays: number): { start: Date; end: Date } {
  return {
    start: new Date(clickAt.getTime() - CLOCK_SKEW_MS),
    end: new Date(clickAt.getTime() + attributionDays * DAY_MS),
  };
}

/** Whether a conversion at `at` falls within the attribution window of a click at `clickAt`. */
export function isWithinWindow(clickAt: Date, at: number, attributionDays: number): boolean {
  const { start, end } = attributionWindow(clickAt, attributionDays);
  return at >= start.getTime() && at <= end.getTime();
}
