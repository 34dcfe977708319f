import { describe, expect, it } from '@jest/globals';
import { withClickId } from './redirect-location.js';

const ID = '019ad5b3-7c1e-7f20-9a4b-5c6d7e8f9a0b';

describe('withClickId', () => {
  it('adds lp_cid to the query, before any fragment', () => {
    expect(withClickId('https://shop.example.com/spring', ID)).toBe(`https://shop.example.com/spring?lp_cid=${ID}`);
    expect(withClickId('https://shop.example.com/?ref=bio', ID)).toBe(`https://shop.example.com/?ref=bio&lp_cid=${ID}`);
    expect(withClickId('https://shop.example.com/?', ID)).toBe(`https://shop.example.com/?lp_cid=${ID}`);
    expect(withClickId('https://shop.example.com/p?a=1#buy', ID)).toBe(`https://shop.example.com/p?a=1&lp_cid=${ID}#buy`);
    expect(withClickId('https://shop.example.com/p#x?lp_cid=1', ID)).toBe(`https://shop.example.com/p?lp_cid=${ID}#x?lp_cid=1`);
  });

  it('never replaces an lp_cid the location already has', () => {
    expect(withClickId('https://shop.example.com/?lp_cid=mine', ID)).toBe('https://shop.example.com/?lp_cid=mine');
    expect(withClickId('https://shop.example.com/?a=1&lp_cid=', ID)).toBe('https://shop.example.com/?a=1&lp_cid=');
  });

  it('is not fooled by a parameter whose name ends in lp_cid', () => {
    expect(withClickId('https://shop.example.com/?old_lp_cid=1', ID)).toBe(`https://shop.example.com/?old_lp_cid=1&lp_cid=${ID}`);
  });
});
