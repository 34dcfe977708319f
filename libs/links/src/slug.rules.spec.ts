import { describe, expect, it } from '@jest/globals';
import { GENERATED_SLUG_LENGTH, generateSlug, slugProblem } from './slug.rules.js';

describe('generateSlug', () => {
  it('makes lower-case slugs without the look-alikes 0, o, 1, l and i', () => {
    const slugs = Array.from({ length: 2000 }, generateSlug);
    for (const slug of slugs) expect(slug).toMatch(new RegExp(`^[2-9a-hjkmnp-z]{${GENERATED_SLUG_LENGTH}}$`));
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(slugs.join('')).size).toBe(31);
  });
});

describe('slugProblem', () => {
  it('accepts letters, digits, _ and -, and refuses reserved words in any case', () => {
    expect(slugProblem('Spring_Sale-2026')).toBeNull();
    expect(slugProblem('API')).toBe('slug "API" is reserved');
    expect(slugProblem('a b')).toMatch(/1 to 64 characters/);
    expect(slugProblem('x'.repeat(65))).toMatch(/1 to 64 characters/);
  });
});
