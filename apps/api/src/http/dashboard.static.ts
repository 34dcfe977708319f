import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { noticePage } from '../pages/html.js';

const DASHBOARD_DIR = resolve(process.env.DASHBOARD_DIR || 'web/dist');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const DASHBOARD_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** Every file of the build, read once: the dashboard is small, and no request path ever reaches the file system. */
function readAssets(dir: string): Map<string, Buffer> {
  const assets = new Map<string, Buffer>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== 'index.html') assets.set(`/app/${path}`, readFileSync(join(dir, path)));
    }
  };
  walk('');
  return assets;
}

/**
 * The built Svelte dashboard at /app; every /app path without a file gets index.html (client routing).
 * The server's root leads to it: a person who types the instance's address wants the dashboard.
 */
export function serveDashboard(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_, reply) => reply.header('Cache-Control', 'no-store').redirect('/app', 302));
  // a shared dashboard's address (docs/shares.md) is the dashboard's public shared view
  fastify.get<{ Params: { token: string } }>('/share/:token', (request, reply) =>
    reply.header('Cache-Control', 'no-store').redirect(`/app/share/${encodeURIComponent(request.params.token)}`, 302),
  );
  const indexFile = join(DASHBOARD_DIR, 'index.html');
  if (!existsSync(indexFile)) {
    const missing = noticePage('Dashboard not built', 'Run npm run build:web (npm start does it for you).');
    const answer = (_: unknown, reply: FastifyReply): FastifyReply => reply.code(503).type('text/html').send(missing);
    fastify.get('/app', answer);
    fastify.get('/app/*', answer);
    return;
  }
  const index = readFileSync(indexFile);
  const assets = readAssets(DASHBOARD_DIR);
  const sendIndex = (reply: FastifyReply): FastifyReply =>
    reply.headers(DASHBOARD_HEADERS).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
  fastify.get('/app', (_, reply) => sendIndex(reply));
  fastify.get('/app/*', (request, reply) => {
    const path = request.url.split('?')[0];
    const asset = assets.get(path);
    if (!asset) return sendIndex(reply);
    const immutable = path.startsWith('/app/assets/');
    return reply
      .header('Content-Type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(asset);
  });
}
