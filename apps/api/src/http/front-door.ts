import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { Logger } from '@nestjs/common';
import { isReservedSlug } from '@app/links';
import { slugEnd } from './request-url.js';

/** The server settings Fastify hands its serverFactory (its defaults filled in). */
interface FastifyHttpOptions {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
}

/** Answers `GET|HEAD /{slug}`; `query` is the raw query without '?', '' when there is none. */
export type SlugHandler = (request: IncomingMessage, response: ServerResponse, slug: string, query: string) => void;

/**
 * The API's HTTP server, in front of Fastify. `GET|HEAD /{slug}` — the redirect, most of the traffic
 * — goes straight to its handler; everything else to Fastify. Fastify's routing, request and reply
 * objects and hooks cost more than the whole redirect (docs/benchmarks.md), and none of them is
 * needed to answer it. A slug written with %-escapes, a reserved word and a single-segment path that
 * Fastify routes itself (`/health`, `/metrics`…) still go to Fastify.
 */
export class FrontDoor {
  private readonly logger = new Logger('FrontDoor');
  private redirect: SlugHandler | null = null;
  private closing = false;
  private readonly fastifyPaths = new Set<string>();

  /** Fastify's `serverFactory`: the server Fastify would make, with this door in front. */
  readonly serverFactory = (fastify: RequestListener, fastifyOptions: Record<string, unknown>): Server => {
    const options = fastifyOptions as unknown as FastifyHttpOptions;
    const server = createServer(options.http ?? {}, (request, response) => this.route(request, response, fastify));
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    return server;
  };

  /** A path Fastify answers itself: registered from Fastify's onRoute hook. */
  claimPath(path: string): void {
    this.fastifyPaths.add(path);
  }

  openRedirects(handler: SlugHandler): void {
    this.redirect = handler;
  }

  /**
   * The server is closing (Fastify's preClose): redirects are still answered, with `Connection: close`,
   * so that busy keep-alive connections end and the server can close (Fastify answers 503 instead).
   */
  close(): void {
    this.closing = true;
  }

  private route(request: IncomingMessage, response: ServerResponse, fastify: RequestListener): void {
    const { method, url = '' } = request;
    if (this.redirect && (method === 'GET' || method === 'HEAD')) {
      const end = slugEnd(url);
      const slug = end === -1 ? '' : url.slice(1, end);
      if (slug && !isReservedSlug(slug) && !this.fastifyPaths.has(slug)) {
        if (this.closing) response.shouldKeepAlive = false;
        return this.redirectSafely(this.redirect, request, response, slug, end === url.length ? '' : url.slice(end + 1));
      }
    }
    fastify(request, response);
  }

  /** What Fastify does for a handler that throws: a 500, and the process lives on. */
  private redirectSafely(
    redirect: SlugHandler,
    request: IncomingMessage,
    response: ServerResponse,
    slug: string,
    query: string,
  ): void {
    try {
      redirect(request, response, slug, query);
    } catch (error) {
      this.logger.error(`redirect of /${slug} failed: ${(error as Error).stack}`);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal Server Error');
    }
  }
}
