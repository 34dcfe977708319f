import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureJobData } from '@app/common';

const ACTIVE = /\.ndjson$/;
const CLAIMED = /\.ndjson\.claimed-(\d+)-\d+$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local append-only file where captured hits wait while Redis is unreachable.
 * Each process appends to its own file; a replay first claims a file by renaming it (atomic),
 * so two processes never replay the same file, and a file claimed by a process that died is
 * taken over. Replaying a batch twice is harmless: the worker stores hits by their capture id.
 */
export class HitSpool {
  private readonly file: string;
  private claims = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `spool-${process.pid}-${Date.now()}.ndjson`);
  }

  append(batch: CaptureJobData): void {
    appendFileSync(this.file, `${JSON.stringify(batch)}\n`);
  }

  /** Bytes waiting in the spool. */
  size(): number {
    return this.pendingFiles().reduce((total, name) => total + this.sizeOf(name), 0);
  }

  /** Sends every spooled batch, oldest file first; a file is deleted once all its batches went. */
  async replay(send: (batch: CaptureJobData) => Promise<void>): Promise<number> {
    let sent = 0;
    for (const claimed of this.claimAll()) {
      const lines = readFileSync(claimed, 'utf8').split('\n').filter(Boolean);
      for (const line of lines) {
        await send(JSON.parse(line) as CaptureJobData);
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
      const owner = CLAIMED.exec(name);
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
      .filter((name) => ACTIVE.test(name) || CLAIMED.test(name))
      .sort();
  }

  private sizeOf(name: string): number {
    try {
      return statSync(join(this.dir, name)).size;
    } catch {
      return 0;
    }
  }
}
