const WIDTH = 28;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

function compact(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n));
}

/**
 * One updating line: `label [█████░░░░] 42.1%  1.20M/2.85M  85.4k/s  ETA 19s`. On a terminal it
 * rewrites itself at most ten times a second; elsewhere (CI, pipes) it prints a line every 10%.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastDecile = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  update(done: number): void {
    const now = performance.now();
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    if (this.out.isTTY) {
      if (now - this.lastDraw < 100 && fraction < 1) return;
      this.lastDraw = now;
      this.out.write(`\r${this.line(done, fraction, now)}\x1b[K`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.out.write(`${this.line(done, fraction, now)}\n`);
    }
  }

  /** Draws the final state and ends the line; returns the seconds taken. */
  finish(done = this.total): number {
    this.lastDraw = 0;
    this.update(done);
    if (this.out.isTTY) this.out.write('\n');
    return (performance.now() - this.started) / 1000;
  }

  private line(done: number, fraction: number, now: number): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const filled = Math.round(fraction * WIDTH);
    const eta = fraction >= 1 ? `in ${duration(seconds)}` : `ETA ${duration(rate > 0 ? (this.total - done) / rate : Infinity)}`;
    return `${this.label.padEnd(12)} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(1).padStart(5)}%  ${compact(done)}/${compact(this.total)} ${this.unit}  ${compact(rate)}/s  ${eta}`;
  }
}
