export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_TITLE_LENGTH = 200;

/** A date-time with seconds optional and a zone required: `2026-07-01T12:00:00Z`, `2026-07-01T14:00+02:00`. */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export class LinkFieldError extends Error {}

/** Trimmed, lowercased, deduplicated in first-seen order; each 1 to 50 characters. */
export function normaliseTags(tags: string[]): string[] {
  if (tags.length > MAX_TAGS) throw new LinkFieldError(`tags must have at most ${MAX_TAGS} entries`);
  const normalised = new Set<string>();
  for (const tag of tags) {
    const value = tag.trim().toLowerCase();
    if (value.length === 0) throw new LinkFieldError('tags must not be empty');
    if (value.length > MAX_TAG_LENGTH) throw new LinkFieldError(`each tag must be at most ${MAX_TAG_LENGTH} characters`);
    if (/[\p{Cc}]/u.test(value)) throw new LinkFieldError('tags must not contain control characters');
    normalised.add(value);
  }
  return [...normalised];
}

/** Trimmed; blank means no title. */
export function normaliseTitle(title: string | null): string | null {
  const value = title?.trim() ?? '';
  if (value.length > MAX_TITLE_LENGTH) throw new LinkFieldError(`title must be at most ${MAX_TITLE_LENGTH} characters`);
  return value.length === 0 ? null : value;
}

/**
 * An instant a creator gave (`field` names it in messages): an ISO 8601 date-time with a zone
 * (`Z` or an offset, so it means the same instant wherever the server runs) and a real calendar
 * date and time.
 */
export function parseInstant(field: string, value: string): Date {
  const parts = ISO_DATE_TIME.exec(value);
  if (!parts) {
    throw new LinkFieldError(`${field} must be an ISO 8601 date-time with a time zone, such as 2026-07-01T12:00:00Z`);
  }
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = parts
    .slice(1)
    .map((part) => part ?? '0');
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDate = calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  if (
    !realDate ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59 ||
    Number(offsetHours) > 23 ||
    Number(offsetMinutes) > 59
  ) {
    throw new LinkFieldError(`${field} is not a real date and time: ${value}`);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new LinkFieldError(`${field} is not a real date and time: ${value}`);
  return instant;
}

/**
 * An expiry: an instant (`parseInstant`) in the future — a link that would be born expired is a
 * mistake; archive a link to stop it now.
 */
export function parseExpiry(value: string, now = Date.now()): Date {
  const expiresAt = parseInstant('expiresAt', value);
  if (expiresAt.getTime() <= now) throw new LinkFieldError('expiresAt must be in the future');
  return expiresAt;
}
