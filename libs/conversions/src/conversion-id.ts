import { createHash } from 'node:crypto';
import { uuidV7 } from '@app/common';
import type { ConversionKind } from '@app/db';

/**
 * The id of a conversion. With a caller's key (eventId, invoiceId) it is derived from the creator,
 * the kind and the key (an RFC 9562 version 8 UUID from SHA-256), so a repeated call is the same
 * conversion, down to the id the API answers with. Without one, a fresh time-ordered UUID v7.
 */
export function conversionId(creatorId: string, kind: ConversionKind, key: string | null, at: number): string {
  if (key === null) return uuidV7(at);
  const bytes = createHash('sha256').update(`${creatorId}\u0000${kind}\u0000${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
