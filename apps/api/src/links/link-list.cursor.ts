import type { LinkSort, SortOrder } from '@app/common';

/**
 * Where a page of the link list ends: the last link's sort key and id (the id breaks ties, so no
 * link is skipped or repeated when many share a key), and the instant the first page was asked
 * (`asOf`), so every page counts the same 30 days and judges expiry at the same moment.
 * Opaque to clients: base64url of JSON.
 */
export interface LinkListCursor {
  sort: LinkSort;
  order: SortOrder;
  key: string;
  id: string;
  asOf: number;
}

export class CursorError extends Error {
  constructor() {
    super('cursor is not valid: pass the nextCursor of a previous page, with the same sort and order');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: LinkListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.key, cursor.id, cursor.asOf])).toString('base64url');
}

/** The cursor, checked to belong to a list in this sort and order; CursorError otherwise. */
export function decodeCursor(text: string, sort: LinkSort, order: SortOrder): LinkListCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  if (!Array.isArray(parts) || parts.length !== 5) throw new CursorError();
  const [cursorSort, cursorOrder, key, id, asOf] = parts as unknown[];
  if (cursorSort !== sort || cursorOrder !== order) throw new CursorError();
  if (typeof key !== 'string' || key.length > 400 || typeof id !== 'string' || !UUID.test(id)) throw new CursorError();
  if (typeof asOf !== 'number' || !Number.isSafeInteger(asOf) || asOf <= 0) throw new CursorError();
  if (sort === 'clicks' && !/^\d{1,10}$/.test(key)) throw new CursorError();
  if (sort === 'created' && Number.isNaN(Date.parse(key))) throw new CursorError();
  return { sort, order, key, id, asOf };
}
