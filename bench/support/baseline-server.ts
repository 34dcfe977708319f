import { createServer } from 'node:http';

/** The redirect baseline: a bare node:http server answering every request with a fixed 302. */
const port = Number(process.argv[2]);
createServer((_, response) => {
  response.writeHead(302, { Location: 'https://example.com/landing?ref=bio', 'Cache-Control': 'private, no-store' });
  response.end();
}).listen(port, '127.0.0.1');
