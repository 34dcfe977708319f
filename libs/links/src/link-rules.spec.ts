import { describe, expect, it } from '@jest/globals';
import { matchRule, MAX_RULES, normaliseRules, primaryLanguage } from './link-rules.js';

const OWN = { ownHost: 'lp.example.net' };

describe('normaliseRules', () => {
  it('takes one value as a list of one', () => {
    expect(normaliseRules([{ if: { device: 'mobile', language: 'pt-BR' }, url: 'https://a.example/' }], OWN)).toEqual([
      { if: { device: ['mobile'], language: ['pt'] }, url: 'https://a.example/' },
    ]);
  });

  it('lowercases values, reads languages as primary subtags, dedupes and normalises each target', () => {
    expect(
      normaliseRules(
        [
          { if: { device: ['Mobile', 'mobile'], os: [' iOS '] }, url: 'https://Apps.Apple.com/app' },
          { if: { language: ['de-AT', 'DE', 'pt_BR'] }, url: 'https://example.com/de' },
        ],
        OWN,
      ),
    ).toEqual([
      { if: { device: ['mobile'], os: ['ios'] }, url: 'https://apps.apple.com/app' },
      { if: { language: ['de', 'pt'] }, url: 'https://example.com/de' },
    ]);
  });

  it.each([
    [[{ url: 'https://a.example/' }], 'rules[0] must be {"if": {device?, os?, language?}, "url": "https://…"}'],
    [[{ if: {}, url: 'https://a.example/' }], 'rules[0].if must name at least one condition'],
    [[{ if: { country: ['DE'] }, url: 'https://a.example/' }], 'rules[0].if.country: country targeting is not available yet'],
    [[{ if: { city: ['Berlin'] }, url: 'https://a.example/' }], 'rules[0].if.city is not a condition (device, os, language)'],
    [
      [{ if: { device: ['phone'] }, url: 'https://a.example/' }],
      'rules[0].if.device: "phone" is not one of mobile, tablet, desktop, other',
    ],
    [[{ if: { device: [] }, url: 'https://a.example/' }], 'rules[0].if.device must be a string or a list of 1 to 20 strings'],
    [[{ if: { os: 42 }, url: 'https://a.example/' }], 'rules[0].if.os must be a string or a list of 1 to 20 strings'],
    [
      [{ if: { language: ['english'] }, url: 'https://a.example/' }],
      'rules[0].if.language: "english" is not a language code such as de or pt-BR',
    ],
    [[{ if: { os: ['ios'] } }], 'rules[0].url must be a URL'],
    [[{ if: { os: ['ios'] }, url: 'javascript:alert(1)' }], 'rules[0].url must be an http or https URL, not javascript:'],
    [[{ if: { os: ['ios'] }, url: 'https://lp.example.net/x' }], /would loop/],
    [Array(MAX_RULES + 1).fill({ if: { os: ['ios'] }, url: 'https://a.example/' }), 'rules must have at most 10 entries'],
    [[null], 'rules[0] must be {"if": {device?, os?, language?}, "url": "https://…"}'],
  ])('%j is refused: %s', (rules, message) => {
    expect(() => normaliseRules(rules as unknown[], OWN)).toThrow(message);
  });
});

describe('matchRule and primaryLanguage', () => {
  const rules = normaliseRules(
    [
      { if: { device: ['mobile'], os: ['iOS'] }, url: 'https://ios.example/' },
      { if: { os: ['Android'] }, url: 'https://android.example/' },
      { if: { language: ['de'] }, url: 'https://de.example/' },
      { if: { device: ['mobile'] }, url: 'https://mobile.example/' },
    ],
    OWN,
  );

  it('takes the first rule whose every condition matches', () => {
    expect(matchRule(rules, { device: 'mobile', os: 'iOS', language: 'de' })).toBe('https://ios.example/');
    expect(matchRule(rules, { device: 'tablet', os: 'iOS', language: 'de' })).toBe('https://de.example/');
    expect(matchRule(rules, { device: 'mobile', os: 'Android', language: 'en' })).toBe('https://android.example/');
    expect(matchRule(rules, { device: 'mobile', os: 'KaiOS', language: '' })).toBe('https://mobile.example/');
    expect(matchRule(rules, { device: 'desktop', os: 'Windows', language: 'en' })).toBeNull();
  });

  it('reads the first language of Accept-Language', () => {
    expect(primaryLanguage('de-AT,de;q=0.9,en;q=0.5')).toBe('de');
    expect(primaryLanguage(' PT-br ')).toBe('pt');
    expect(primaryLanguage('*')).toBe('');
    expect(primaryLanguage(undefined)).toBe('');
  });
});
