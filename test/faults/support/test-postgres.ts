import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/redis-server.js';

const BIN = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql')[0], 'bin');

function asPostgres(command: string, args: string[]): void {
  const runAs =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]] : [join(BIN, command), args];
  execFileSync(runAs[0] as string, runAs[1] as string[], { stdio: 'ignore' });
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder), so that a test can stop
 * it for 30 seconds without touching the machine's server that other tests use.
 */
export class TestPostgres {
  private constructor(
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async create(): Promise<TestPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'linkpulse-pg-'));
    chmodSync(dir, 0o777);
    const dataDir = join(dir, 'data');
    asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const server = new TestPostgres(await freePort(), dataDir);
    server.start();
    return server;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/linkpulse`;
  }

  start(): void {
    asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-w',
      '-l',
      `${this.dataDir}/server.log`,
      '-o',
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  }

  stop(): void {
    asPostgres('pg_ctl', ['-D', this.dataDir, '-w', '-m', 'immediate', 'stop']);
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
  }
}
