import { describe, expect, it } from '@jest/globals';
import { deliveryBackoff } from './webhooks.jobs.js';

describe('deliveryBackoff', () => {
  it('doubles from 30 s to at most an hour, so 40 attempts span more than the 24 hours before a webhook is disabled', () => {
    expect([1, 2, 3, 8, 9, 30].map(deliveryBackoff)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000, 3_600_000]);
    const total = Array.from({ length: 39 }, (_, i) => deliveryBackoff(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(24 * 3_600_000);
  });
});
