import { describe, expect, it } from '@jest/globals';
import { normaliseCurrency } from './currency.rules.js';

describe('normaliseCurrency', () => {
  it('takes ISO 4217 codes in either case', () => {
    expect(normaliseCurrency('EUR')).toBe('EUR');
    expect(normaliseCurrency('usd')).toBe('USD');
    expect(normaliseCurrency(' jpy ')).toBe('JPY');
  });

  it('refuses what is not a currency', () => {
    for (const value of ['', 'EU', 'EURO', 'XYZ', '€', 'e1r']) expect(normaliseCurrency(value)).toBeNull();
  });
});
