import { describe, expect, it } from '@jest/globals';
import { busiestHour, heatColor } from './heatmap.chart.js';

describe('heatColor', () => {
  it('is grey for nothing, then goes from light to deep indigo as the value nears the maximum', () => {
    expect(heatColor(0, 90)).toBe('#F3F4F6');
    expect(heatColor(90, 90)).toBe('#3730a3');
    expect(heatColor(45, 90)).toBe('#8c8cd1');
  });
});

describe('busiestHour', () => {
  it('names the weekday and hour with the most activity, the earliest on a tie', () => {
    const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(5));
    matrix[6][23] = 1234;
    expect(busiestHour(matrix)).toBe('Busiest hour: Sunday 23:00–00:00 (1,234)');
    matrix[1][7] = 1234;
    expect(busiestHour(matrix)).toBe('Busiest hour: Tuesday 07:00–08:00 (1,234)');
  });
});
