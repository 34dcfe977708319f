import { describe, expect, it } from '@jest/globals';
import { partialBucketIndex } from './partial-bucket.js';

const at = (iso: string): number => Date.parse(iso);
const days = (...isos: string[]): number[] => isos.map(at);

describe('partialBucketIndex', () => {
  it('is the bucket that contains now, for a range that ends now', () => {
    const starts = days('2026-11-29T23:00:00Z', '2026-11-30T23:00:00Z', '2026-12-01T23:00:00Z');
    expect(partialBucketIndex(starts, 'day', at('2026-12-02T10:01:00Z'), at('2026-12-02T10:00:30Z'))).toBe(2);
  });

  it('is the bucket with now in it when later buckets of a custom range have not started', () => {
    const starts = days('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z');
    expect(partialBucketIndex(starts, 'day', at('2026-12-04T00:00:00Z'), at('2026-12-02T08:00:00Z'))).toBe(1);
  });

  it('is the last bucket when a range that is over cuts it short (a report of the last 30 days, December with one day)', () => {
    const starts = days('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(partialBucketIndex(starts, 'month', at('2026-12-02T00:00:00Z'), at('2026-12-02T00:05:00Z'))).toBe(2);
  });

  it('is none for whole buckets of a range that is over, including a 23-hour day and February', () => {
    const springForward = days('2026-03-28T23:00:00Z', '2026-03-29T23:00:00Z');
    expect(partialBucketIndex(springForward, 'day', at('2026-03-30T22:00:00Z'), at('2026-04-10T00:00:00Z'))).toBeNull();
    const february = days('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
    expect(partialBucketIndex(february, 'month', at('2026-03-01T00:00:00Z'), at('2026-04-10T00:00:00Z'))).toBeNull();
  });

  it('is none for a range entirely in the future or without buckets', () => {
    expect(partialBucketIndex([], 'day', at('2026-12-02T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(
      partialBucketIndex(days('2027-01-01T00:00:00Z'), 'day', at('2027-01-02T00:00:00Z'), at('2026-12-01T00:00:00Z')),
    ).toBeNull();
  });
});
