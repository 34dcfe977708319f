import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { CaptureJobData } from '@app/common';
import { HitSpool } from './hit-spool.js';

const batch = (batchId: string): CaptureJobData => ({ batchId, strings: [], hits: [] });
const failing = async (): Promise<void> => {
  throw new Error('Redis is away');
};

describe('HitSpool', () => {
  it('replays every batch once, in order, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = new HitSpool(dir);
    spool.append(batch('a'));
    spool.append(batch('b'));
    expect(spool.size()).toBeGreaterThan(0);
    const sent: string[] = [];
    expect(await spool.replay(async (b) => void sent.push(b.batchId))).toBe(2);
    expect(sent).toEqual(['a', 'b']);
    expect(spool.size()).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(await spool.replay(async (b) => void sent.push(b.batchId))).toBe(0);
  });

  it('keeps a claimed file whose replay failed, and a later claim never overwrites it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = new HitSpool(dir);
    spool.append(batch('before-first-failure'));
    await expect(spool.replay(failing)).rejects.toThrow('Redis is away');
    spool.append(batch('between-failures'));
    await expect(spool.replay(failing)).rejects.toThrow('Redis is away');
    spool.append(batch('after-failures'));

    const sent: string[] = [];
    await spool.replay(async (b) => void sent.push(b.batchId));
    expect(sent.sort()).toEqual(['after-failures', 'before-first-failure', 'between-failures']);
    expect(spool.size()).toBe(0);
  });

  it('takes over files another process spooled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    new HitSpool(dir).append(batch('from-a-process-that-exited'));
    const sent: string[] = [];
    await new HitSpool(dir).replay(async (b) => void sent.push(b.batchId));
    expect(sent).toEqual(['from-a-process-that-exited']);
  });
});
