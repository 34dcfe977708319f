import { describe, expect, it } from '@jest/globals';
import { normaliseTags, normaliseTitle, parseExpiry } from './link-fields.rules.js';

const NOW = Date.parse('2030-06-15T12:00:00Z');

describe('parseExpiry', () => {
  it.each([
    ['2030-06-15T12:00:01Z', '2030-06-15T12:00:01.000Z'],
    ['2030-06-15T14:30+02:00', '2030-06-15T12:30:00.000Z'],
    ['2030-06-15T08:00:00.5-04:00', '2030-06-15T12:00:00.500Z'],
    ['2032-02-29T00:00:00Z', '2032-02-29T00:00:00.000Z'],
    ['2030-06-16T05:45:00+05:45', '2030-06-16T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(parseExpiry(value, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['2030-06-15T12:00:00Z', 'in the future'],
    ['2030-06-15T13:00:00+02:00', 'in the future'],
    ['2031-02-29T00:00:00Z', 'not a real date'],
    ['2030-04-31T00:00:00Z', 'not a real date'],
    ['2030-06-15T12:60:00Z', 'not a real date'],
    ['2030-06-15T12:00:00+24:00', 'not a real date'],
    ['2030-06-15 12:00:00Z', 'ISO 8601'],
    ['2030-06-15T12:00:00z', 'ISO 8601'],
    ['1781524800000', 'ISO 8601'],
  ])('refuses %s (%s)', (value, message) => {
    expect(() => parseExpiry(value, NOW)).toThrow(message);
  });
});

describe('normaliseTags', () => {
  it('trims, lowercases and deduplicates in first-seen order', () => {
    expect(normaliseTags([' Summer', 'SALE', 'summer ', 'Été'])).toEqual(['summer', 'sale', 'été']);
  });

  it('refuses control characters', () => {
    expect(() => normaliseTags(['a\u0000b'])).toThrow('control characters');
  });
});

describe('normaliseTitle', () => {
  it('trims, and makes a blank title no title', () => {
    expect(normaliseTitle('  Hello ')).toBe('Hello');
    expect(normaliseTitle('   ')).toBeNull();
    expect(normaliseTitle(null)).toBeNull();
  });
});
