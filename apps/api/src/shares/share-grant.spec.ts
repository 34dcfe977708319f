import { describe, expect, it } from '@jest/globals';
import { grantIsValid, signGrant } from './share-grant.js';

const KEY = Buffer.from('k'.repeat(32));
const NOW = 1_800_000_000_000;

describe('share grants', () => {
  const grant = signGrant(KEY, 'share-1', 'hash-1', NOW + 60_000);

  it('opens the share it was signed for until it ends', () => {
    expect(grantIsValid(KEY, 'share-1', 'hash-1', grant, NOW)).toBe(true);
    expect(grantIsValid(KEY, 'share-1', 'hash-1', grant, NOW + 60_000)).toBe(false);
  });

  it('opens no other share, nothing after a new password, nothing under another key, nothing forged', () => {
    expect(grantIsValid(KEY, 'share-2', 'hash-1', grant, NOW)).toBe(false);
    expect(grantIsValid(KEY, 'share-1', 'hash-2', grant, NOW)).toBe(false);
    expect(grantIsValid(Buffer.from('x'.repeat(32)), 'share-1', 'hash-1', grant, NOW)).toBe(false);
    const [, signature] = grant.split('.');
    expect(grantIsValid(KEY, 'share-1', 'hash-1', `${NOW + 10 ** 9}.${signature}`, NOW)).toBe(false);
    for (const bad of [undefined, '', 'x', `${NOW + 1}.`, `${NOW + 1}.${'A'.repeat(43)}`, `${grant}x`])
      expect(grantIsValid(KEY, 'share-1', 'hash-1', bad, NOW)).toBe(false);
  });
});
