import { describe, expect, it } from '@jest/globals';
import { conversionId } from './conversion-id.js';

const CREATOR = '0b7e8a54-8a4e-4f0c-9d55-0a6f3c2e1d10';
const OTHER = '5d0c7e2a-1b9f-4a3c-8e6d-2f4b6a8c0e12';

describe('conversionId', () => {
  it('is the same for the same creator, kind and key: a repeated call is the same conversion', () => {
    const first = conversionId(CREATOR, 'sale', 'inv_42', 1);
    expect(conversionId(CREATOR, 'sale', 'inv_42', 2)).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between creators, kinds and keys', () => {
    const ids = new Set([
      conversionId(CREATOR, 'sale', 'inv_42', 1),
      conversionId(OTHER, 'sale', 'inv_42', 1),
      conversionId(CREATOR, 'lead', 'inv_42', 1),
      conversionId(CREATOR, 'sale', 'inv_43', 1),
    ]);
    expect(ids.size).toBe(4);
  });

  it('is a time-ordered UUID v7 when there is no key', () => {
    const at = Date.UTC(2026, 5, 1);
    const id = conversionId(CREATOR, 'lead', null, at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(id).not.toBe(conversionId(CREATOR, 'lead', null, at));
  });
});
