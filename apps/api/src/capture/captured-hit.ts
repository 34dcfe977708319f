import { type CapturedHit, type HitKind, uuidV7, type Via } from '@app/common';
import type { FastifyRequest } from 'fastify';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function rawQuery(url: string): string {
  const mark = url.indexOf('?');
  return mark === -1 ? '' : url.slice(mark + 1);
}

/** The hit as captured on the request path: what the worker needs, nothing more. */
export function capturedHit(
  request: FastifyRequest,
  hit: { kind: HitKind; creatorId: string; linkId: string | null; via: Via },
): CapturedHit {
  const at = Date.now();
  return {
    id: uuidV7(at),
    at,
    ...hit,
    ip: request.ip,
    userAgent: (header(request, 'user-agent') ?? '').slice(0, 1024),
    referer: (header(request, 'referer') ?? '').slice(0, 2048),
    query: rawQuery(request.url).slice(0, 4096),
    hints: {
      brands: header(request, 'sec-ch-ua'),
      mobile: header(request, 'sec-ch-ua-mobile'),
      platform: header(request, 'sec-ch-ua-platform'),
      platformVersion: header(request, 'sec-ch-ua-platform-version'),
      model: header(request, 'sec-ch-ua-model'),
    },
  };
}
