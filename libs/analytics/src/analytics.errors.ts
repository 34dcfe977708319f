import { InvalidInputError, NotFoundError } from '@app/common';

/** from/to missing, reversed, outside 2000–2100 or longer than MAX_RANGE_DAYS. */
export class InvalidRangeError extends InvalidInputError {}

export class InvalidTimeZoneError extends InvalidInputError {
  constructor() {
    super('tz must be an IANA time zone name such as Europe/Berlin');
  }
}

export class InvalidLimitError extends InvalidInputError {}

/** The link does not exist or is another creator's: the two are one answer, so ids cannot be probed. */
export class LinkNotFoundError extends NotFoundError {
  constructor() {
    super('Link not found');
  }
}

/** Funnel steps unknown, repeated, out of order, or a view step where views have no value (a link). */
export class InvalidFunnelError extends InvalidInputError {}
