import { InFlightRequests } from './in-flight-requests.js';

const USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/**
 * Clicks a short link at a steady rate, like real traffic, and counts what came back:
 * a 302 is a click the API accepted and must be counted; anything else is a failed redirect.
 */
export class SteadyLoad {
  redirected = 0;
  failed = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly requests = new InFlightRequests(16);

  constructor(
    private readonly url: () => string,
    private readonly perSecond: number,
  ) {}

  start(): void {
    const everyMs = 20;
    const perTick = Math.max(1, Math.round((this.perSecond * everyMs) / 1000));
    this.timer = setInterval(() => {
      for (let i = 0; i < perTick; i++) this.fire();
    }, everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.requests.settled();
    this.requests.close();
  }

  private fire(): void {
    this.requests.send(this.url(), { headers: { 'user-agent': USER_AGENT }, timeout: 5000 }, null, (status) => {
      if (status === 302) this.redirected++;
      else this.failed++;
    });
  }
}
