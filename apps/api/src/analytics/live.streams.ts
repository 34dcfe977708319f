import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { LiveEvent } from '@app/common';
import type { FastifyReply } from 'fastify';
import { LiveHub } from './live.hub.js';

export const HEARTBEAT_MS = 15_000;

/**
 * `GET /analytics/live`: a Server-Sent Events stream of a creator's clicks and views as the worker
 * stores them (the worker publishes each new non-bot hit on the creator's Redis channel).
 * A comment every 15 s keeps proxies from closing the idle stream; closing the client unsubscribes.
 */
@Injectable()
export class LiveStreams implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  constructor(private readonly hub: LiveHub) {}

  start(reply: FastifyReply, creatorId: string, linkId: string | null): void {
    void reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to
      'X-Accel-Buffering': 'no',
    });
    out.write('retry: 3000\n: connected\n\n');

    const unsubscribe = this.hub.subscribe(creatorId, (message) => {
      if (linkId !== null) {
        let event: LiveEvent;
        try {
          event = JSON.parse(message) as LiveEvent;
        } catch {
          return;
        }
        if (event.linkId !== linkId) return;
      }
      out.write(`data: ${message.replace(/[\r\n]/g, '')}\n\n`);
    });
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe();
      out.end();
    };
    this.open.add(close);
    out.on('close', close);
    out.on('error', close);
  }

  /** Ends every stream so the HTTP server can close (clients reconnect to another replica). */
  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }
}
