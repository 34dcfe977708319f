import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PublishableKeysService } from './publishable-keys.service.js';

export const TRACK_PATHS = ['/api/v1/track/lead', '/api/v1/track/sale', '/api/v1/track/batch'];
const PREFLIGHT_MAX_AGE_S = 600;

/** The CORS headers of an answer to a page of `origin` (a publishable key's allowed origin). */
export function allowOrigin(reply: FastifyReply, origin: string): void {
  void reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
}

/**
 * CORS preflights of the tracking routes. A preflight carries no key, so it is answered for an
 * origin that some publishable key allows; the request itself is then held to its own key's
 * origins (track.guard.ts). Any other origin gets a 403 without CORS headers: the browser sends
 * nothing.
 */
@Injectable()
export class TrackCors implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly keys: PublishableKeysService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const path of TRACK_PATHS) fastify.options(path, (request, reply) => this.preflight(request, reply));
  }

  private async preflight(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const origin = request.headers.origin;
    if (!origin || origin.length > 300 || !(await this.keys.isAllowedOrigin(origin))) {
      return reply
        .code(403)
        .header('Vary', 'Origin')
        .send({ statusCode: 403, error: 'Forbidden', message: 'This origin may not record conversions' });
    }
    allowOrigin(reply, origin);
    return reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'POST')
      .header('Access-Control-Allow-Headers', 'authorization, content-type')
      .header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S))
      .send();
  }
}
