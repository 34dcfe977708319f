import { describe, expect, it } from '@jest/globals';
import { CursorError, decodeCursor, encodeCursor, type LinkListCursor } from './link-list.cursor.js';

const cursor: LinkListCursor = {
  sort: 'clicks',
  order: 'desc',
  key: '42',
  id: '0b7e5f0e-7f3c-4d59-9a8e-8f0f3c1f2a10',
  asOf: 1_780_000_000_000,
};

describe('link list cursor', () => {
  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(cursor), 'clicks', 'desc')).toEqual(cursor);
  });

  it('is refused in another sort or order', () => {
    expect(() => decodeCursor(encodeCursor(cursor), 'title', 'desc')).toThrow(CursorError);
    expect(() => decodeCursor(encodeCursor(cursor), 'clicks', 'asc')).toThrow(CursorError);
  });

  it.each([
    ['not base64 JSON', '!!!', 'clicks'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url'), 'clicks'],
    ['an id that is no UUID', encodeCursor({ ...cursor, id: "1' OR 1=1" }), 'clicks'],
    ['a click count that is no number', encodeCursor({ ...cursor, key: 'many' }), 'clicks'],
    ['a creation time that is no date', encodeCursor({ ...cursor, sort: 'created', key: 'yesterday' }), 'created'],
    ['a negative instant', encodeCursor({ ...cursor, asOf: -5 }), 'clicks'],
  ] as const)('refuses %s', (_, text, sort) => {
    expect(() => decodeCursor(text, sort, 'desc')).toThrow(CursorError);
  });
});
