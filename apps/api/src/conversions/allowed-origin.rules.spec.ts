import { describe, expect, it } from '@jest/globals';
import { AllowedOriginError, normaliseOrigin, normaliseOrigins } from './allowed-origin.rules.js';

describe('normaliseOrigin', () => {
  it('keeps scheme, host and port the way browsers send Origin', () => {
    expect(normaliseOrigin('https://shop.example.com')).toBe('https://shop.example.com');
    expect(normaliseOrigin('https://Shop.Example.com/')).toBe('https://shop.example.com');
    expect(normaliseOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normaliseOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
  });

  it('refuses paths, queries, credentials, other schemes and what is no URL', () => {
    for (const raw of [
      'https://shop.example.com/checkout',
      'https://shop.example.com?x=1',
      'https://user:pw@shop.example.com',
      'javascript:alert(1)',
      'ftp://shop.example.com',
      'shop.example.com',
      '*',
    ]) {
      expect(() => normaliseOrigin(raw)).toThrow(AllowedOriginError);
    }
  });
});

describe('normaliseOrigins', () => {
  it('deduplicates, and wants 1 to 20 origins', () => {
    expect(normaliseOrigins(['https://a.example', 'https://A.example/'])).toEqual(['https://a.example']);
    expect(() => normaliseOrigins([])).toThrow(AllowedOriginError);
    expect(() => normaliseOrigins(Array.from({ length: 21 }, (_, i) => `https://s${i}.example`))).toThrow(AllowedOriginError);
  });
});
