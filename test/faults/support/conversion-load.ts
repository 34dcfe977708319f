import { InFlightRequests } from './in-flight-requests.js';

/**
 * A shop's server reporting leads at a steady rate, each with its own eventId, the way the tracking
 * API asks to be called: a lead that got no 202 (refused, timed out, connection lost) is sent again
 * with the same eventId once the load stops, until it gets one. Every lead sent must then be stored
 * exactly once, whatever happened to the first try.
 */
export class ConversionLoad {
  accepted = 0;
  /** tries that got no 202 (each is retried) */
  failed = 0;
  private sent = 0;
  private readonly unanswered = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly requests = new InFlightRequests(8);

  constructor(
    private readonly url: () => string,
    private readonly token: string,
    private readonly perSecond: number,
  ) {}

  /** leads sent, each with a distinct eventId */
  get leads(): number {
    return this.sent;
  }

  start(): void {
    const everyMs = 50;
    const perTick = Math.max(1, Math.round((this.perSecond * everyMs) / 1000));
    this.timer = setInterval(() => {
      for (let i = 0; i < perTick; i++) this.send(`lead-${++this.sent}`);
    }, everyMs);
  }

  /** Stops sending new leads, then retries the unanswered ones until each got a 202 (or `deadline`). */
  async stop(deadline: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.requests.settled();
    while (this.unanswered.size > 0 && Date.now() < deadline) {
      for (const eventId of [...this.unanswered]) this.send(eventId);
      await this.requests.settled();
    }
    this.requests.close();
  }

  private send(eventId: string): void {
    this.unanswered.add(eventId);
    const body = JSON.stringify({ customerId: `customer-${eventId}`, eventName: 'Sign up', eventId });
    const headers = {
      authorization: `Bearer ${this.token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    this.requests.send(this.url(), { method: 'POST', headers, timeout: 3000 }, body, (status) => {
      if (status === 202) this.answered(eventId);
      else this.failed++;
    });
  }

  private answered(eventId: string): void {
    if (this.unanswered.delete(eventId)) this.accepted++;
  }
}
