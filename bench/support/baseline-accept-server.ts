import { createServer } from 'node:http';

/** The conversion-ingestion baseline: a bare node:http server that reads each JSON body and answers 202. */
const port = Number(process.argv[2]);
createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { events } = JSON.parse(Buffer.concat(chunks).toString()) as { events: unknown[] };
    response.writeHead(202, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ accepted: events.length }));
  });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
