import { describe, expect, it } from '@jest/globals';
import { moneyText, pointsChange } from './display.labels.js';

describe('pointsChange', () => {
  it('tells a change of a rate in percentage points', () => {
    expect(pointsChange(0.15, 0.1, 'en-US')).toEqual({ direction: 'up', text: '+5 pts', amount: '5' });
    expect(pointsChange(0.04, 0.05, 'en-US')).toEqual({ direction: 'down', text: '−1 pt', amount: '1' });
    expect(pointsChange(0.1234, 0.1, 'de-DE')).toEqual({ direction: 'up', text: '+2,3 pts', amount: '2,3' });
  });

  it('is flat under a twentieth of a point, and nothing without both values', () => {
    expect(pointsChange(0.1004, 0.1, 'en-US')?.direction).toBe('flat');
    expect(pointsChange(0.1, undefined, 'en-US')).toBeNull();
    expect(pointsChange(null, 0.1, 'en-US')).toBeNull();
  });
});

describe('moneyText', () => {
  it("reads minor units with the currency's own digits", () => {
    expect(moneyText(248000, 'EUR', 'en-US')).toBe('€2,480.00');
    expect(moneyText(4900, 'USD', 'en-US')).toBe('$49.00');
    expect(moneyText(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(moneyText(12.5, 'EUR', 'en-US', { perClick: true })).toBe('€0.125');
    expect(moneyText(1633.33, 'EUR', 'en-US', { perClick: true })).toBe('€16.33');
  });
});
