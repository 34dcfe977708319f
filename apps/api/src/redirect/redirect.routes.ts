import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { capturedHit, rawQuery } from '../capture/captured-hit.js';
import { HitCapture } from '../capture/hit-capture.service.js';
import { isReservedSlug, SLUG_PATTERN } from '../links/slug.rules.js';
import { noticePage, PAGE_HEADERS } from '../pages/html.js';
import { LinkCache, type RedirectTarget } from './link-cache.service.js';
import { redirectLocation, viaOf } from './redirect-location.js';

const NOT_FOUND = noticePage('Link not found', 'This short link does not exist or was removed.');
const EXPIRED = noticePage('Link expired', 'This short link has expired.');

/**
 * `GET|HEAD /{slug}`, the hottest path of the product, as a plain Fastify route: no Nest
 * pipeline, the link from memory, the click handed to the capture buffer after the reply is sent.
 */
@Injectable()
export class RedirectRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly links: LinkCache,
    private readonly capture: HitCapture,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { slug: string } }>('/:slug', (request, reply) => this.redirect(request, reply));
  }

  private redirect(
    request: FastifyRequest<{ Params: { slug: string } }>,
    reply: FastifyReply,
  ): FastifyReply | Promise<FastifyReply> {
    const { slug } = request.params;
    if (!SLUG_PATTERN.test(slug) || isReservedSlug(slug)) return this.page(reply, 404, NOT_FOUND);
    const target = this.links.peek(slug);
    if (target !== undefined) return this.answer(request, reply, target);
    return this.links.load(slug).then(
      (loaded) => this.answer(request, reply, loaded),
      () => this.page(reply, 503, noticePage('Temporarily unavailable', 'Please try again in a moment.')),
    );
  }

  private answer(request: FastifyRequest, reply: FastifyReply, target: RedirectTarget | null): FastifyReply {
    if (!target || target.archived) return this.page(reply, 404, NOT_FOUND);
    if (target.expiresAt !== null && target.expiresAt <= Date.now()) {
      return target.fallbackUrl ? this.send302(reply, target.fallbackUrl) : this.page(reply, 410, EXPIRED);
    }
    const query = rawQuery(request.url);
    const params = query ? new URLSearchParams(query) : null;
    const via = params ? viaOf(params) : 'direct';
    this.send302(reply, params ? redirectLocation(target.url, params) : target.url);
    if (request.method === 'GET') {
      this.capture.capture(capturedHit(request, { kind: 'click', creatorId: target.creatorId, linkId: target.id, via }));
    }
    return reply;
  }

  private send302(reply: FastifyReply, location: string): FastifyReply {
    return reply.code(302).header('Location', location).header('Cache-Control', 'private, no-store').send();
  }

  private page(reply: FastifyReply, status: number, html: string): FastifyReply {
    return reply.code(status).headers(PAGE_HEADERS).header('Cache-Control', 'no-store').send(html);
  }
}
