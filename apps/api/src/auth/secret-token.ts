import { createHash, randomBytes } from 'node:crypto';

/** Random bearer secrets (session cookies, API tokens) and the hash under which they are stored. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
