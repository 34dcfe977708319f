import { Agent, request, type RequestOptions } from 'node:http';

/** HTTP requests a load sends without waiting for them, on kept-alive connections, awaited together. */
export class InFlightRequests {
  private readonly pending = new Set<Promise<void>>();
  private readonly agent: Agent;

  constructor(maxSockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Sends a request; `done` gets its status, or null when it failed (refused, reset, timed out). */
  send(url: string, options: RequestOptions, body: string | null, done: (status: number | null) => void): void {
    const sent = new Promise<void>((resolve) => {
      const outgoing = request(url, { ...options, agent: this.agent }, (response) => {
        response.resume();
        response.on('end', () => {
          done(response.statusCode ?? null);
          resolve();
        });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => {
        done(null);
        resolve();
      });
      outgoing.end(body ?? undefined);
    });
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
  }

  /** Resolves once every request sent so far has its answer or failed. */
  settled(): Promise<unknown> {
    return Promise.all(this.pending);
  }

  close(): void {
    this.agent.destroy();
  }
}
