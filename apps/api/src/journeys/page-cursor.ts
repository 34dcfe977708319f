import { InvalidInputError } from '@app/common';

/**
 * Where a newest-first page ends: the last item's instant (epoch ms: a visit's first step, a
 * customer's first conversion) and its id (a visitor id, a customer id), which breaks ties; the
 * next page starts right after it, whatever arrived meanwhile. Opaque to clients: base64url of JSON.
 */
export interface PageCursor {
  at: number;
  id: string;
}

export class InvalidCursorError extends InvalidInputError {
  constructor() {
    super('cursor is not valid: pass the nextCursor of a previous page');
  }
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** The cursor a previous page gave; InvalidCursorError for anything else. */
export function decodeCursor(text: string): PageCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parts) || parts.length !== 2) throw new InvalidCursorError();
  const [at, id] = parts as unknown[];
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at <= 0) throw new InvalidCursorError();
  if (typeof id !== 'string' || id.length === 0 || id.length > 256 || id.includes('\0')) throw new InvalidCursorError();
  return { at, id };
}
