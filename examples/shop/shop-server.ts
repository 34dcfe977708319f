import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/shop.js': { file: 'shop.js', type: 'text/javascript; charset=utf-8' },
  '/shop.css': { file: 'shop.css', type: 'text/css; charset=utf-8' },
};

export interface ShopOptions {
  /** where Linkpulse runs, e.g. http://localhost:3000 */
  linkpulseUrl: string;
  /** a publishable key (pk_…) allowed for the shop's origin; read on every request, so it can be set once the shop listens */
  publishableKey: string;
  port?: number;
  host?: string;
  /** the folder holding index.html, shop.js and shop.css */
  dir?: string;
}

/**
 * The example shop (examples/shop): three static files, the page told where Linkpulse is and which
 * key to use. Its Content Security Policy allows scripts and requests to Linkpulse's origin only,
 * the way a creator's own site would.
 */
export async function startShopServer(options: ShopOptions): Promise<{ server: Server; url: string }> {
  const dir = options.dir ?? resolve('examples/shop');
  const linkpulse = new URL(options.linkpulseUrl).origin;
  const csp = `default-src 'self'; script-src 'self' ${linkpulse}; connect-src ${linkpulse}; style-src 'self'`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://shop').pathname;
    const entry = FILES[path];
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (!entry) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const body = readFileSync(join(dir, entry.file), 'utf8')
      .replaceAll('%LINKPULSE_URL%', linkpulse)
      .replaceAll('%PUBLISHABLE_KEY%', options.publishableKey);
    response
      .writeHead(200, { 'content-type': entry.type, 'content-security-policy': csp, 'cache-control': 'no-store' })
      .end(body);
  });
  await new Promise<void>((listening) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return { server, url: `http://localhost:${port}` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { LINKPULSE_URL = 'http://localhost:3000', PUBLISHABLE_KEY, SHOP_PORT = '8080' } = process.env;
  if (!PUBLISHABLE_KEY) {
    console.error('Set PUBLISHABLE_KEY to a pk_ key allowed for http://localhost:' + SHOP_PORT + ' (Settings → Conversions).');
    process.exit(1);
  }
  const { url } = await startShopServer({
    linkpulseUrl: LINKPULSE_URL,
    publishableKey: PUBLISHABLE_KEY,
    port: Number(SHOP_PORT),
  });
  console.log(`Example shop at ${url}; point a tracked Linkpulse link at it and open the short link.`);
}
