import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/redis-server.js';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** A compiled Linkpulse process (API or worker), as it runs in production. */
export class AppProcess {
  private child: ChildProcess | null = null;
  private stderr = '';

  constructor(
    private readonly entry: 'api' | 'worker',
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    this.stderr = '';
    this.child = fork(`${DIST}apps/${this.entry}/src/main.js`, [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SESSION_SECRET: 'fault-suite-session-secret-32-characters-long',
        ...this.env,
      },
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
  }

  get log(): string {
    return this.stderr;
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.child = null;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

export class ApiProcess extends AppProcess {
  private constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    super('api', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  }

  static async create(env: Record<string, string>): Promise<ApiProcess> {
    return new ApiProcess(await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async startAndWait(timeoutMs = 30_000): Promise<void> {
    this.start();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await fetch(`${this.url}/health`);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`API did not start: ${this.log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}
