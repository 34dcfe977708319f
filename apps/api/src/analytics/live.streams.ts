import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { LiveEvent } from '@app/common';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { LiveHub } from './live.hub.js';

export const HEARTBEAT_MS = 15_000;

/**
 * `GET /analytics/live`: a Server-Sent Events stream of a creator's clicks and views as the worker
 * stores them (the worker publishes each new non-bot hit on the creator's Redis channel).
 * `: connected` is sent once the creator's channel is subscribed, so every event published after
 * it reaches the stream. When the subscription fails the stream ends and the client's EventSource
 * reconnects (`retry: 3000`), which subscribes again. A comment every 15 s keeps proxies from
 * closing the idle stream; closing the client unsubscribes. On each heartbeat the stream asks whether
 * the session or token it was opened with still stands, and ends when it does not (logout, token
 * revoked, password changed, account deleted): the client's reconnection is then refused with a 401.
 */
@Injectable()
export class LiveStreams implements OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private readonly open = new Set<() => void>();

  constructor(private readonly hub: LiveHub) {}

  start(
    reply: FastifyReply,
    creatorId: string,
    linkId: string | null,
    stillAuthorised: () => Promise<boolean> = async () => true,
  ): void {
    void reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-store',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to
      'X-Accel-Buffering': 'no',
    });
    out.write('retry: 3000\n\n');

    let unsubscribe: (() => void) | null = null;
    const heartbeat = setInterval(() => {
      out.write(': heartbeat\n\n');
      stillAuthorised().then(
        (authorised) => authorised || close(),
        () => undefined,
      );
    }, HEARTBEAT_MS);
    const close = (): void => {
      if (!this.open.delete(close)) return;
      clearInterval(heartbeat);
      unsubscribe?.();
      out.end();
    };
    this.open.add(close);
    out.on('close', close);
    out.on('error', close);

    this.hub.subscribe(creatorId, forward(out, linkId)).then(
      (stop) => {
        if (!this.open.has(close)) return stop();
        unsubscribe = stop;
        out.write(': connected\n\n');
      },
      (error: Error) => {
        this.logger.warn(`live stream of ${creatorId} not subscribed: ${error.message}`);
        close();
      },
    );
  }

  /** Ends every stream so the HTTP server can close (clients reconnect to another replica). */
  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }
}

/** Writes each event to the stream, only those of `linkId` when given. */
function forward(out: ServerResponse, linkId: string | null): (message: string) => void {
  return (message) => {
    if (linkId !== null && linkOf(message) !== linkId) return;
    out.write(`data: ${message.replace(/[\r\n]/g, '')}\n\n`);
  };
}

function linkOf(message: string): string | null {
  try {
    return (JSON.parse(message) as LiveEvent).linkId;
  } catch {
    return null;
  }
}
