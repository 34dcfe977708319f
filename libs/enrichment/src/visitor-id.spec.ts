import { describe, expect, it } from '@jest/globals';
import { visitorId } from './visitor-id.js';

const SALT = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const CREATOR = '0190b2f4-8a3c-7e11-9d2a-5c4b3a291807';
// omrilotan/isbot fixtures/browsers.yml: mobile Safari
const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 13_2_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.0.3 Mobile/15E148 Safari/604.1';

describe('visitorId', () => {
  it('is HMAC-SHA256 over length-prefixed fields, first 32 hex digits', () => {
    // Independently: printf '%s' "36:<creator>7:8.8.8.8139:<ua>" | openssl dgst -sha256 -mac HMAC -macopt hexkey:0001…0f
    expect(visitorId(SALT, CREATOR, '8.8.8.8', UA)).toBe('a90db05e08b789225936ac5d5131d66f');
  });

  it('is stable for the same day, creator, address and browser', () => {
    expect(visitorId(SALT, CREATOR, '8.8.8.8', UA)).toBe(visitorId(SALT, CREATOR, '8.8.8.8', UA));
  });

  it('is one visitor whether the socket reports IPv4 or IPv4-mapped IPv6', () => {
    expect(visitorId(SALT, CREATOR, '::ffff:8.8.8.8', UA)).toBe(visitorId(SALT, CREATOR, '8.8.8.8', UA));
  });

  it('changes with the salt, the creator, the address and the user agent', () => {
    const base = visitorId(SALT, CREATOR, '8.8.8.8', UA);
    expect(visitorId(Buffer.alloc(16, 7), CREATOR, '8.8.8.8', UA)).not.toBe(base);
    expect(visitorId(SALT, '0190b2f4-8a3c-7e11-9d2a-5c4b3a291808', '8.8.8.8', UA)).not.toBe(base);
    expect(visitorId(SALT, CREATOR, '8.8.4.4', UA)).not.toBe(base);
    expect(visitorId(SALT, CREATOR, '8.8.8.8', `${UA} `)).not.toBe(base);
  });

  it('cannot be forged by moving characters between fields', () => {
    expect(visitorId(SALT, 'creator-1', '8.8.8.8', UA)).not.toBe(visitorId(SALT, 'creator-18.8.8.8', '', UA));
    expect(visitorId(SALT, CREATOR, '8.8.8.8', 'ab')).not.toBe(visitorId(SALT, CREATOR, '8.8.8.8a', 'b'));
  });

  it('refuses a salt too short to be secret', () => {
    expect(() => visitorId(Buffer.alloc(8), CREATOR, '8.8.8.8', UA)).toThrow('at least 16 bytes');
  });
});
