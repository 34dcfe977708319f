import { describe, expect, it } from '@jest/globals';
import { rawQuery, slugEnd } from './request-url.js';

describe('slugEnd', () => {
  it('finds the end of a plain slug, with or without a query', () => {
    expect(slugEnd('/abc')).toBe(4);
    expect(slugEnd('/Ab_9-z?utm_source=ig')).toBe(7);
    expect(slugEnd('/x?')).toBe(2);
    expect(slugEnd(`/${'a'.repeat(64)}`)).toBe(65);
  });

  it('refuses every other path: the root, deeper paths, escapes, dots, @, too long', () => {
    for (const url of ['/', '', 'abc', '/abc/', '/a/b', '/%61bc', '/favicon.ico', '/@creator', '/abc#x', `/${'a'.repeat(65)}`]) {
      expect(slugEnd(url)).toBe(-1);
    }
  });
});

describe('rawQuery', () => {
  it('is what follows the first ?, or nothing', () => {
    expect(rawQuery('/abc?qr=1&a=b?c')).toBe('qr=1&a=b?c');
    expect(rawQuery('/abc')).toBe('');
  });
});
