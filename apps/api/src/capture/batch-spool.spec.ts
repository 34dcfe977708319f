import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { CaptureJobData } from '@app/common';
import { BatchSpool, spooledBytes } from './batch-spool.js';

const batch = (batchId: string): CaptureJobData => ({ batchId, strings: [], hits: [] });
const failing = async (): Promise<void> => {
  throw new Error('Redis is away');
};

describe('BatchSpool', () => {
  it('replays every batch once, in order, and leaves nothing behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = new BatchSpool<CaptureJobData>(dir, 'spool');
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
    const spool = new BatchSpool<CaptureJobData>(dir, 'spool');
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
    new BatchSpool<CaptureJobData>(dir, 'spool').append(batch('from-a-process-that-exited'));
    const sent: string[] = [];
    await new BatchSpool<CaptureJobData>(dir, 'spool').replay(async (b) => void sent.push(b.batchId));
    expect(sent).toEqual(['from-a-process-that-exited']);
  });

  it('keeps the spools of a directory apart: each replays its own batches only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const clicks = new BatchSpool<CaptureJobData>(dir, 'spool');
    const conversions = new BatchSpool<CaptureJobData>(dir, 'conversions');
    clicks.append(batch('clicks'));
    conversions.append(batch('conversions'));
    expect(spooledBytes(dir)).toBe(clicks.size() + conversions.size());
    const sent: string[] = [];
    await conversions.replay(async (b) => void sent.push(b.batchId));
    expect(sent).toEqual(['conversions']);
    expect(clicks.size()).toBeGreaterThan(0);
    await clicks.replay(async (b) => void sent.push(b.batchId));
    expect(sent).toEqual(['conversions', 'clicks']);
    expect(spooledBytes(dir)).toBe(0);
  });
});
