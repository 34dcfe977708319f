import type { FastifyInstance } from 'fastify';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';

/** The routes that take a CSV file as their body. */
const CSV_ROUTES = new Set(['/api/v1/imports']);

/**
 * `text/csv` bodies, for the routes above only (anywhere else a 415, as for every type but JSON).
 * A cross-site HTML form cannot send this type, so it opens no door JSON-only closed. The size is
 * counted as the body arrives: past `maxBytes`, a 400 saying the limit (Fastify's own limit would
 * answer 413 for the whole API's 64 kB). The text must be UTF-8.
 */
export function acceptCsvUploads(fastify: FastifyInstance, maxBytes: number): void {
  const tooLarge = () =>
    new BadRequestException(`The file is larger than ${maxBytes / 1024 / 1024} MiB, the most one import takes`);
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    if (!CSV_ROUTES.has(request.routeOptions.url ?? '')) {
      return done(new UnsupportedMediaTypeException('This route takes JSON bodies only'), undefined);
    }
    if (Number(request.headers['content-length']) > maxBytes) return done(tooLarge(), undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null, body?: string) => {
      if (settled) return;
      settled = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        payload.removeAllListeners('data');
        payload.resume();
        return finish(tooLarge());
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      try {
        finish(null, new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        finish(new BadRequestException('The file must be UTF-8 text (save it from your spreadsheet as "CSV UTF-8")'));
      }
    });
    payload.on('error', (error) => finish(error));
  });
}
