import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { type CapturedHit, type EnrichedHit, encodeCaptureBatch, liveChannel, RedisService } from '@app/common';
import { HitPipeline } from '@app/events';
import { WebhookEvents } from '@app/webhooks';
import type { Job } from 'bullmq';
import { type Mock, mockOf } from '../../../../test/support/mocks.js';
import { CaptureProcessor } from './capture.processor.js';

const hit = (id: string, linkId: string | null): CapturedHit => ({
  id,
  at: Date.parse('2026-03-01T10:00:00Z'),
  kind: linkId ? 'click' : 'view',
  creatorId: 'c1',
  linkId,
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0',
  referer: '',
  query: '',
  via: 'direct',
  hints: {},
});

const stored = (captured: CapturedHit, isBot = false): EnrichedHit =>
  ({ ...captured, isBot, source: 'direct', country: 'DE', device: 'mobile' }) as unknown as EnrichedHit;

describe('CaptureProcessor', () => {
  let processor: CaptureProcessor;
  let pipeline: Mock<HitPipeline>;
  let published: [string, string][];
  let webhooks: Mock<WebhookEvents>;

  beforeEach(async () => {
    published = [];
    webhooks = mockOf<WebhookEvents>();
    pipeline = mockOf<HitPipeline>();
    const redisPipeline = {
      publish: jest.fn((channel: string, message: string) => published.push([channel, message])),
      exec: jest.fn(async () => []),
    };
    const module = await Test.createTestingModule({
      providers: [
        CaptureProcessor,
        { provide: HitPipeline, useValue: pipeline },
        { provide: RedisService, useValue: { client: { pipeline: () => redisPipeline } } },
        { provide: WebhookEvents, useValue: webhooks },
      ],
    }).compile();
    processor = module.get(CaptureProcessor);
  });

  const job = (hits: CapturedHit[], attemptsMade = 0) =>
    ({ id: 'b1', data: encodeCaptureBatch('b1', hits), attemptsMade }) as unknown as Job<ReturnType<typeof encodeCaptureBatch>>;

  it('stores the decoded batch and streams only the new human hits live; their clicks go to webhooks, one batch per creator', async () => {
    const hits = [hit('h1', 'l1'), hit('h2', 'l1'), hit('h3', null)];
    pipeline.process.mockResolvedValue([stored(hits[0]), stored(hits[2], true)]);
    await expect(processor.store(job(hits))).resolves.toBe(2);
    expect(pipeline.process).toHaveBeenCalledWith(hits);
    expect(published).toHaveLength(1);
    const [channel, message] = published[0];
    expect(channel).toBe(liveChannel('c1'));
    expect(JSON.parse(message)).toEqual({
      id: 'h1',
      kind: 'click',
      at: '2026-03-01T10:00:00.000Z',
      linkId: 'l1',
      source: 'direct',
      country: 'DE',
      device: 'mobile',
    });
    expect(webhooks.emitEach).toHaveBeenCalledWith('click', [
      {
        creatorId: 'c1',
        data: { clicks: [expect.objectContaining({ id: 'h1', linkId: 'l1', at: '2026-03-01T10:00:00.000Z' })] },
      },
    ]);
  });

  it('a redelivered batch stores nothing and publishes nothing', async () => {
    pipeline.process.mockResolvedValue([]);
    await expect(processor.store(job([hit('h1', 'l1')], 3))).resolves.toBe(0);
    expect(published).toEqual([]);
    expect(webhooks.emitEach).toHaveBeenCalledWith('click', []);
  });

  it('a storage failure fails the job (to be retried), nothing published', async () => {
    pipeline.process.mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(processor.store(job([hit('h1', 'l1')]))).rejects.toThrow('ECONNREFUSED');
    expect(published).toEqual([]);
  });
});
