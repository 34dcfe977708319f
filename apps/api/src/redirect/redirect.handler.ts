import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig, type LinkRule, single, uuidV7 } from '@app/common';
import { type RedirectHeaders, redirectHeadersOf } from '../capture/captured-headers.js';
import { HitCapture } from '../capture/hit-capture.service.js';
import type { DurationSeries } from '../health/request-duration.histogram.js';
import { MetricsService } from '../health/metrics.service.js';
import { type ClientAddress, clientAddressFor, trustProxySetting } from '../http/client-address.js';
import { rawQuery } from '../http/request-url.js';
import { parseUserAgent } from '@app/enrichment';
import { isReservedSlug, matchRule, primaryLanguage, SLUG_PATTERN } from '@app/links';
import { noticePage, PAGE_HEADERS } from '../pages/html.js';
import { LinkCache, type RedirectTarget } from './link-cache.service.js';
import { redirectLocation, viaOf, withClickId } from './redirect-location.js';

/** A notice page, rendered once: its headers and bytes. */
class Page {
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;

  constructor(
    readonly status: number,
    title: string,
    message: string,
  ) {
    this.body = Buffer.from(noticePage(title, message));
    this.headers = { ...PAGE_HEADERS, 'Cache-Control': 'no-store', 'Content-Length': this.body.length };
  }
}

const NOT_FOUND = new Page(404, 'Link not found', 'This short link does not exist or was removed.');
const EXPIRED = new Page(410, 'Link expired', 'This short link has expired.');
const UNAVAILABLE = new Page(503, 'Temporarily unavailable', 'Please try again in a moment.');

/**
 * Where a link with targeting rules sends this visitor: the first rule whose conditions the
 * request's user agent (device, OS; parsed once per distinct agent, cached) and Accept-Language
 * match, else the link's own URL. Nothing but the request and the cached link is read.
 */
function targetOf(rules: LinkRule[], headers: RedirectHeaders, fallback: string): string {
  const agent = parseUserAgent(headers['user-agent'] ?? '', {
    brands: single(headers['sec-ch-ua']),
    mobile: single(headers['sec-ch-ua-mobile']),
    platform: single(headers['sec-ch-ua-platform']),
    platformVersion: single(headers['sec-ch-ua-platform-version']),
    model: single(headers['sec-ch-ua-model']),
  });
  return (
    matchRule(rules, { device: agent.device, os: agent.os, language: primaryLanguage(headers['accept-language']) }) ?? fallback
  );
}

/**
 * `GET|HEAD /{slug}`, the hottest path of the product, on node:http's request and response: the
 * link from memory, the 302, then the click pushed into the capture batch. The front door
 * (front-door.ts) sends it every plain slug; Fastify's `/:slug` route the rest (%-escaped slugs).
 */
@Injectable()
export class RedirectHandler implements OnModuleInit {
  /** the client address as Fastify's `request.ip` would give it */
  private readonly clientAddress: ClientAddress;
  private readonly durations = new Map<number, DurationSeries>();

  constructor(
    config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly links: LinkCache,
    private readonly capture: HitCapture,
    private readonly metrics: MetricsService,
  ) {
    this.clientAddress = clientAddressFor(trustProxySetting(config.trustProxy));
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { slug: string } }>('/:slug', (request, reply) => {
      void reply.hijack();
      const { slug } = request.params;
      if (!SLUG_PATTERN.test(slug) || isReservedSlug(slug)) this.page(reply.raw, NOT_FOUND, performance.now());
      else this.handle(request.raw, reply.raw, slug, rawQuery(request.url));
    });
  }

  /** Answers a valid, unreserved slug. */
  readonly handle = (request: IncomingMessage, response: ServerResponse, slug: string, query: string): void => {
    const started = performance.now();
    const now = Date.now();
    const target = this.links.peek(slug, now);
    if (target !== undefined) return this.answer(request, response, target, query, now, started);
    this.links
      .load(slug)
      .then(
        (loaded) => this.answer(request, response, loaded, query, Date.now(), started),
        () => this.page(response, UNAVAILABLE, started),
      )
      .catch((error: Error) => response.destroy(error));
  };

  private answer(
    request: IncomingMessage,
    response: ServerResponse,
    target: RedirectTarget | null,
    query: string,
    now: number,
    started: number,
  ): void {
    if (!target || target.archived) return this.page(response, NOT_FOUND, started);
    if (target.expiresAt !== null && target.expiresAt <= now) {
      return target.fallbackUrl ? this.found(response, target.fallbackUrl, started) : this.page(response, EXPIRED, started);
    }
    // fields read with a default: copies cached before rules existed lack them
    if (target.startsAt && now < target.startsAt) {
      return target.fallbackUrl ? this.found(response, target.fallbackUrl, started) : this.page(response, NOT_FOUND, started);
    }
    // a plain link pays this one check; a link with rules reads the headers it needs once
    const headers = target.rules ? redirectHeadersOf(request.rawHeaders) : null;
    const destination = target.rules && headers ? targetOf(target.rules, headers, target.url) : target.url;
    const params = query ? new URLSearchParams(query) : null;
    const via = params ? viaOf(params) : 'direct';
    // the capture id exists before the 302, so that a conversion-tracked link can carry it
    const id = uuidV7(now);
    const location = params ? redirectLocation(destination, params) : destination;
    this.found(response, target.conversionTracking ? withClickId(location, id) : location, started);
    if (request.method === 'GET') {
      const captured = headers ?? redirectHeadersOf(request.rawHeaders);
      const ip = this.clientAddress(request, captured['x-forwarded-for']);
      this.capture.capture(id, now, 'click', target.creatorId, target.id, via, ip, query, captured);
    }
  }

  private found(response: ServerResponse, location: string, started: number): void {
    response.writeHead(302, { Location: location, 'Cache-Control': 'private, no-store' });
    response.end();
    this.observe(302, started);
  }

  private page(response: ServerResponse, page: Page, started: number): void {
    response.writeHead(page.status, page.headers);
    response.end(page.body);
    this.observe(page.status, started);
  }

  private observe(status: number, started: number): void {
    let series = this.durations.get(status);
    if (!series) {
      series = this.metrics.requestDuration.seriesOf('redirect', status);
      this.durations.set(status, series);
    }
    series.observe((performance.now() - started) / 1000);
  }
}
