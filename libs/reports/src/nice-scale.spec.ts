import { describe, expect, it } from '@jest/globals';
import { niceScale } from './nice-scale.js';

describe('niceScale', () => {
  it.each([
    [46, [0, 10, 20, 30, 40, 50]],
    [1234, [0, 250, 500, 750, 1000, 1250]],
    [7, [0, 2, 4, 6, 8]],
    [3, [0, 1, 2, 3]],
    [12, [0, 5, 10, 15]],
    [50, [0, 10, 20, 30, 40, 50]],
    [42_000, [0, 10_000, 20_000, 30_000, 40_000, 50_000]],
  ])('covers %d with round whole steps', (max, ticks) => {
    expect(niceScale(max)).toEqual({ max: ticks[ticks.length - 1], ticks });
  });

  it('still has an axis when everything is 0', () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});
