import fastifyCookie from '@fastify/cookie';
import { BadRequestException, type INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { onRequestHookHandler } from 'fastify';
import { AppConfig, AppLogger, ConfigModule } from '@app/common';
import { MAX_IMPORT_BYTES } from '@app/links';
import { AppModule } from '../app.module.js';
import { MetricsService } from '../health/metrics.service.js';
import { RedirectHandler } from '../redirect/redirect.handler.js';
import { trustProxySetting } from './client-address.js';
import { serveDashboard } from './dashboard.static.js';
import { FrontDoor } from './front-door.js';
import { acceptCsvUploads } from './csv-body.parser.js';
import { acceptJsonBodiesOnly } from './json-body.parser.js';
import { slugEnd } from './request-url.js';

const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Headers of every `/api` response (JSON, CSV, PDF, QR codes, the OpenAPI UI); pages set their own.
 * `no-store`: a creator's data must stay out of shared proxies and of the browser's disk cache.
 */
export const API_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

@Module({})
class ApiRootModule {}

/**
 * Every `/api` request: the headers above, and no NUL (`%00`) anywhere in its path or query, which
 * PostgreSQL text cannot hold (a filter such as `?city=%00` would otherwise be a 500).
 */
const apiRequestHook: onRequestHookHandler = (request, reply, done) => {
  void reply.headers(API_HEADERS);
  if (request.url.includes('%00')) return done(new BadRequestException('The address must not contain %00 (NUL)'));
  done();
};

/** Route kind of a request Fastify answered (the redirect observes its own, redirect.handler.ts). */
function routeKind(url: string): string {
  if (url.startsWith('/api/')) return 'api';
  if (url.startsWith('/@')) return 'profile';
  if (url.startsWith('/app')) return 'dashboard';
  if (url === '/health' || url === '/metrics') return 'operations';
  return 'other';
}

/** The API application, configured and initialised but not listening (tests listen on port 0). */
export async function createApiApp(config: AppConfig, options: { logger?: false } = {}): Promise<NestFastifyApplication> {
  const frontDoor = new FrontDoor();
  const adapter = new FastifyAdapter({
    serverFactory: frontDoor.serverFactory,
    trustProxy: trustProxySetting(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 200 },
  });
  const root = { module: ApiRootModule, imports: [ConfigModule.forRoot(config), AppModule] };
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    // bodies are parsed by json-body.parser.ts: JSON only, nesting capped
    bodyParser: false,
    logger: options.logger === false ? false : new AppLogger(config.nodeEnv === 'production'),
  });
  await app.register(fastifyCookie);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonBodiesOnly(fastify);
  acceptCsvUploads(fastify, MAX_IMPORT_BYTES);
  fastify.addHook('onRoute', (route) => {
    // a single-segment path Fastify routes itself wins over a slug, as it does in Fastify's router
    if (slugEnd(route.url) === route.url.length) frontDoor.claimPath(route.url.slice(1));
    // a hook on the /api routes only, attached as each is registered
    if (!route.url.startsWith('/api/')) return;
    route.onRequest = [...(route.onRequest ? [route.onRequest].flat() : []), apiRequestHook];
  });
  fastify.addHook('preClose', (done) => {
    frontDoor.close();
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.requestDuration.observe(routeKind(request.url), reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  setUpOpenApi(app);
  serveDashboard(app);
  await app.init();
  frontDoor.openRedirects(app.get(RedirectHandler).handle);
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Linkpulse API')
      .setDescription(
        'Short links, link-in-bio pages and analytics you can trust. Authenticate with the session cookie or a personal API token.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('lp_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
