import { describe, expect, it } from '@jest/globals';
import { describeChange, formatCount, formatPercent } from './number.format.js';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567, '1,234,567'],
  ])('%d → %s', (n, text) => expect(formatCount(n)).toBe(text));
});

describe('formatPercent', () => {
  it.each([
    [0, '0.0%'],
    [0.15, '15.0%'],
    [0.1234, '12.3%'],
    [-0.2, '20.0%'],
    [0.0002, '<0.1%'],
    [1, '100%'],
    [12.345, '1,235%'],
  ])('%d → %s', (ratio, text) => expect(formatPercent(ratio)).toBe(text));
});

describe('describeChange', () => {
  it('is a green-or-red arrow with the relative change', () => {
    expect(describeChange(1250, 1000)).toEqual({ trend: 'up', text: '▲ 25.0%' });
    expect(describeChange(4000, 5000)).toEqual({ trend: 'down', text: '▼ 20.0%' });
    expect(describeChange(0, 10)).toEqual({ trend: 'down', text: '▼ 100%' });
    expect(describeChange(0.15, 0.1)).toEqual({ trend: 'up', text: '▲ 50.0%' });
  });

  it('is "new" when there was nothing before, and "no change" when nothing changed', () => {
    expect(describeChange(5, 0)).toEqual({ trend: 'new', text: 'new' });
    expect(describeChange(0.2, null)).toEqual({ trend: 'new', text: 'new' });
    expect(describeChange(0, 0)).toEqual({ trend: 'flat', text: 'no change' });
    expect(describeChange(7, 7)).toEqual({ trend: 'flat', text: 'no change' });
  });

  it('is nothing without a previous value, or without a current one (a CTR with no views)', () => {
    expect(describeChange(5, undefined)).toBeNull();
    expect(describeChange(null, 0.1)).toBeNull();
  });
});
