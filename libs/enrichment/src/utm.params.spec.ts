import { describe, expect, it } from '@jest/globals';
import { parseUtm, sourceFromUtm } from './utm.params.js';

describe('sourceFromUtm', () => {
  it('maps the short spellings creators use to the platform, in any case', () => {
    expect(['IG', 'insta', 'instagram_story'].map(sourceFromUtm)).toEqual(['instagram', 'instagram', 'instagram']);
    expect(['twitter', 'tw', 'wa', 'hn', 'mail'].map(sourceFromUtm)).toEqual(['x', 'x', 'whatsapp', 'hackernews', 'email']);
  });

  it('keeps any other source as written, lower-cased', () => {
    expect(sourceFromUtm('Spring_Newsletter')).toBe('spring_newsletter');
  });
});

describe('parseUtm', () => {
  it('reads the five parameters, trimmed, without control characters, null when empty', () => {
    expect(parseUtm('utm_source=%20ig%20&utm_medium=&utm_campaign=sp%07ring&utm_term=a&foo=1')).toEqual({
      source: 'ig',
      medium: null,
      campaign: 'spring',
      term: 'a',
      content: null,
    });
  });

  it('cuts values longer than 255 characters', () => {
    expect(parseUtm(`utm_content=${'x'.repeat(300)}`).content).toHaveLength(255);
  });
});
