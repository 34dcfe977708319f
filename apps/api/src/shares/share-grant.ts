import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a right password opens a shared dashboard in that browser. */
export const GRANT_TTL_MS = 12 * 3_600_000;

/**
 * What a browser holds once it gave a share's password: the grant's end, signed with a key of
 * the instance over the share's id and password hash. A new password, or the share's deletion,
 * makes every grant worthless; nothing is stored per browser.
 */
export function signGrant(key: Buffer, shareId: string, passwordHash: string, until: number): string {
  return `${until}.${mac(key, shareId, passwordHash, until)}`;
}

export function grantIsValid(
  key: Buffer,
  shareId: string,
  passwordHash: string,
  grant: string | undefined,
  now = Date.now(),
): boolean {
  const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(grant ?? '');
  if (!match) return false;
  const until = Number(match[1]);
  if (until <= now) return false;
  const expected = Buffer.from(mac(key, shareId, passwordHash, until));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(key: Buffer, shareId: string, passwordHash: string, until: number): string {
  return createHmac('sha256', key).update(`${shareId}\n${passwordHash}\n${until}`).digest('base64url');
}
