/**
 * What the libs throw when a request cannot be served as asked. They know nothing of HTTP: the API
 * maps these kinds to status codes in one filter (apps/api/src/http/http-exception.filter.ts) and
 * the worker fails a job that raised one at once, since a retry would ask the same thing again.
 * Each lib derives its own errors from these kinds (e.g. InvalidRangeError in @app/analytics).
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or out of bounds (HTTP 400). */
export class InvalidInputError extends DomainError {}

/** The thing asked for does not exist, or is not the caller's (HTTP 404). */
export class NotFoundError extends DomainError {}

/** The request clashes with what exists, e.g. a name that is taken (HTTP 409). */
export class ConflictError extends DomainError {}

/** A limit on what may exist or run at once is reached; trying later may succeed (HTTP 429). */
export class LimitReachedError extends DomainError {}
