import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** What every spooled batch carries: an id that makes its replay idempotent downstream. */
export interface SpooledBatch {
  batchId: string;
}

const SPOOL_FILE = /\.ndjson(\.claimed-\d+-\d+)?$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes waiting in every spool of the directory (captured clicks and conversions alike). */
export function spooledBytes(dir: string): number {
  return readdirSync(dir)
    .filter((name) => SPOOL_FILE.test(name))
    .reduce((total, name) => total + sizeOf(join(dir, name)), 0);
}

/**
 * The local append-only file where captured batches wait while Redis is unreachable; one spool per
 * kind of batch (`name` prefixes its files). Each process appends to its own file; a replay first
 * claims a file by renaming it (atomic), so two processes never replay the same file, and a file
 * claimed by a process that died is taken over. Replaying a batch twice is harmless: the worker
 * stores every item by its capture id.
 */
export class BatchSpool<B extends SpooledBatch> {
  private readonly file: string;
  private readonly active: RegExp;
  private readonly claimed: RegExp;
  private claims = 0;

  constructor(
    private readonly dir: string,
    name: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${name}-${process.pid}-${Date.now()}.ndjson`);
    this.active = new RegExp(`^${name}-\\d+-\\d+\\.ndjson$`);
    this.claimed = new RegExp(`^${name}-\\d+-\\d+\\.ndjson\\.claimed-(\\d+)-\\d+$`);
  }

  append(batch: B): void {
    appendFileSync(this.file, `${JSON.stringify(batch)}\n`);
  }

  /** Bytes waiting in this spool. */
  size(): number {
    return this.pendingFiles().reduce((total, name) => total + sizeOf(join(this.dir, name)), 0);
  }

  /** Sends every spooled batch, oldest file first; a file is deleted once all its batches went. */
  async replay(send: (batch: B) => Promise<void>): Promise<number> {
    let sent = 0;
    for (const claimed of this.claimAll()) {
      const lines = readFileSync(claimed, 'utf8').split('\n').filter(Boolean);
      for (const line of lines) {
        await send(JSON.parse(line) as B);
        sent++;
      }
      unlinkSync(claimed);
    }
    return sent;
  }

  private claimAll(): string[] {
    const claimed: string[] = [];
    for (const name of this.pendingFiles()) {
      const path = join(this.dir, name);
      const owner = this.claimed.exec(name);
      if (owner && Number(owner[1]) !== process.pid && isAlive(Number(owner[1]))) continue;
      // a unique name: renaming onto an earlier claim that is still being retried would erase it
      const target = owner ? path : `${path}.claimed-${process.pid}-${this.claims++}`;
      try {
        if (!owner) renameSync(path, target);
        claimed.push(target);
      } catch {
        // another process claimed it first
      }
    }
    return claimed;
  }

  private pendingFiles(): string[] {
    return readdirSync(this.dir)
      .filter((name) => this.active.test(name) || this.claimed.test(name))
      .sort();
  }
}
