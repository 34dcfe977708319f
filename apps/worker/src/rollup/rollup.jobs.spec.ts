import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { RollupService } from '@app/analytics';
import { RollDirtyHoursJob } from '@app/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { mockOf } from '../../../../test/support/mocks.js';
import { ROLLUP_EVERY_MS, RollupProcessor, RollupScheduler } from './rollup.jobs.js';

describe('rollup jobs', () => {
  it('rolls dirty hours two days at a time within a 50-second budget, then has the alerts judge the hours it changed', async () => {
    const rollups = mockOf<RollupService>();
    const hour = new Date('2026-03-02T10:00:00Z');
    rollups.rollDirty.mockResolvedValue({
      days: 3,
      hours: 30,
      events: 400,
      busy: 1,
      expired: 0,
      conversionDays: 2,
      changed: [{ creatorId: 'c1', hours: [hour] }],
    });
    const alerts = mockOf<Queue>({ name: 'alerts' });
    const module = await Test.createTestingModule({
      providers: [
        RollupProcessor,
        { provide: RollupService, useValue: rollups },
        { provide: getQueueToken('alerts'), useValue: alerts },
      ],
    }).compile();
    const before = Date.now();
    await expect(module.get(RollupProcessor).roll({ id: 'j1' } as Job)).resolves.toEqual({ days: 3, hours: 30 });
    const [options] = rollups.rollDirty.mock.calls[0];
    expect(options?.concurrency).toBe(2);
    expect(options?.deadline).toBeGreaterThanOrEqual(before + 50_000);
    expect(options?.deadline).toBeLessThanOrEqual(Date.now() + 50_000);
    expect(alerts.add).toHaveBeenCalledWith(
      'JudgeAlertsJob',
      { now: expect.any(Number), changed: [{ creatorId: 'c1', hours: ['2026-03-02T10:00:00.000Z'] }] },
      { removeOnComplete: 100, removeOnFail: 100, attempts: 3 },
    );
  });

  it('one fleet-wide scheduler under its unchanged id, and one run at start', async () => {
    const queue = mockOf<Queue>({ name: 'rollup' });
    const module = await Test.createTestingModule({
      providers: [RollupScheduler, { provide: getQueueToken('rollup'), useValue: queue }],
    }).compile();
    await module.get(RollupScheduler).onApplicationBootstrap();
    expect(queue.upsertJobScheduler).toHaveBeenCalledWith(
      'roll-dirty-hours',
      { every: ROLLUP_EVERY_MS },
      { name: RollDirtyHoursJob.name, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 3 } },
    );
    expect(queue.add).toHaveBeenCalledWith('RollDirtyHoursJob', {}, { removeOnComplete: 100, removeOnFail: 100, attempts: 3 });
  });
});
