import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { noticePage } from '../pages/html.js';

const DASHBOARD_DIR = resolve(process.env.DASHBOARD_DIR || 'web/dist');

const DASHBOARD_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** The built Svelte dashboard at /app; every /app path without a file gets index.html (client routing). */
export async function serveDashboard(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(DASHBOARD_DIR, 'index.html');
  if (!existsSync(indexFile)) {
    const missing = noticePage('Dashboard not built', 'Run npm run build:web (npm start does it for you).');
    fastify.get('/app', (_, reply) => reply.code(503).type('text/html').send(missing));
    fastify.get('/app/*', (_, reply) => reply.code(503).type('text/html').send(missing));
    return;
  }
  const index = readFileSync(indexFile);
  const sendIndex = (reply: FastifyReply): FastifyReply =>
    reply.headers(DASHBOARD_HEADERS).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
  await app.register(fastifyStatic, {
    root: join(DASHBOARD_DIR, 'assets'),
    prefix: '/app/assets/',
    maxAge: '365d',
    immutable: true,
    decorateReply: false,
  });
  fastify.get('/app', (_, reply) => sendIndex(reply));
  fastify.get('/app/*', (_, reply) => sendIndex(reply));
}
