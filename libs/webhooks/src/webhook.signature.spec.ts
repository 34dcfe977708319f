import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signatureHeader, verifySignature } from './webhook.signature.js';

describe('webhook signatures', () => {
  const body = '{"id":"d1","event":"click"}';

  it('t=<unix>,v1=<hex HMAC-SHA256(secret, t.body)>', () => {
    const expected = createHmac('sha256', 'whsec_x').update(`1767225600.${body}`).digest('hex');
    expect(signatureHeader('whsec_x', body, 1767225600)).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verifies its own, refuses another secret, a changed body and an old timestamp', () => {
    const header = signatureHeader('whsec_x', body, 1767225600);
    expect(verifySignature(header, 'whsec_x', body, 1767225650)).toBe(true);
    expect(verifySignature(header, 'whsec_y', body, 1767225650)).toBe(false);
    expect(verifySignature(header, 'whsec_x', `${body} `, 1767225650)).toBe(false);
    expect(verifySignature(header, 'whsec_x', body, 1767225600 + 301)).toBe(false);
    expect(verifySignature('t=abc,v1=00', 'whsec_x', body, 1767225600)).toBe(false);
    expect(verifySignature('', 'whsec_x', body, 1767225600)).toBe(false);
  });
});
