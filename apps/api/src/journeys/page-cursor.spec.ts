import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, InvalidCursorError } from './page-cursor.js';

describe('page cursor', () => {
  it('round-trips an instant and an id', () => {
    const cursor = { at: Date.UTC(2026, 2, 29, 1, 30), id: 'a1b2c3' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['another shape', Buffer.from(JSON.stringify({ at: 1, id: 'x' })).toString('base64url')],
    ['a fractional instant', Buffer.from(JSON.stringify([1.5, 'x'])).toString('base64url')],
    ['a negative instant', Buffer.from(JSON.stringify([-1, 'x'])).toString('base64url')],
    ['an empty id', Buffer.from(JSON.stringify([1, ''])).toString('base64url')],
    ['a huge id', Buffer.from(JSON.stringify([1, 'x'.repeat(300)])).toString('base64url')],
  ])('refuses %s', (_, text) => {
    expect(() => decodeCursor(text)).toThrow(InvalidCursorError);
  });
});
