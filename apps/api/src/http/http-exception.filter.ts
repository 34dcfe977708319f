import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ConflictError, DomainError, InvalidInputError, LimitReachedError, NotFoundError } from '@app/common';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** The HTTP status of each kind of domain error (libs/common/src/domain.errors.ts), most specific first. */
const DOMAIN_STATUSES: [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidInputError, 400],
  [NotFoundError, 404],
  [ConflictError, 409],
  [LimitReachedError, 429],
];

const UNSUPPORTED_MEDIA_TYPE = 'Request bodies must be JSON, sent with Content-Type: application/json';

function bodyOf(exception: unknown): ErrorBody {
  const body = describe(exception);
  // Fastify's own 415 says only "Unsupported Media Type": the API takes JSON and nothing else
  return body.statusCode === 415 ? { ...body, message: UNSUPPORTED_MEDIA_TYPE } : body;
}

function describe(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const status = DOMAIN_STATUSES.find(([kind]) => exception instanceof kind)?.[1];
    if (status) return { statusCode: status, error: REASONS[status], message: exception.message };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
    return { statusCode, error: REASONS[statusCode] ?? exception.name, message };
  }
  // Fastify's own errors (body too large, malformed JSON, wrong content type) carry a 4xx statusCode
  const statusCode = (exception as { statusCode?: number }).statusCode;
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return { statusCode, error: REASONS[statusCode] ?? 'Bad Request', message: (exception as Error).message };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' };
}

/**
 * Every error leaves as `{ statusCode, error, message }` (SPEC section 4): Nest's HTTP exceptions, the
 * libs' domain errors by kind, Fastify's own 4xx; only real faults are 500s.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = bodyOf(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // a stream (CSV export) that fails once its headers are out can only be cut short
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    if (exception instanceof HttpException) {
      const retryAfter = (exception.getResponse() as { retryAfter?: number }).retryAfter;
      if (retryAfter) void reply.header('Retry-After', String(retryAfter));
    }
    // the type is set again: a route that had chosen another one (text/csv) cannot serialise an object
    void reply
      .status(body.statusCode)
      .type('application/json; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(body);
  }
}
