import { describe, expect, it } from '@jest/globals';
import { csvField, EXPORT_COLUMNS } from './event-export.js';

describe('csvField', () => {
  it('defuses a formula in every column a visitor can write, source included (utm_source=…)', () => {
    for (const column of [
      'source',
      'referrer_host',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
      'bot_name',
      'region',
      'city',
      'browser',
      'os',
    ]) {
      expect(EXPORT_COLUMNS).toContain(column);
      expect(csvField('=HYPERLINK("https://evil.example","x")', column)).toBe(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
      expect(csvField('+1', column)).toBe("'+1");
      expect(csvField('@SUM(A1)', column)).toBe("'@SUM(A1)");
    }
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and leaves other values alone', () => {
    expect(csvField('a,b', 'utm_campaign')).toBe('"a,b"');
    expect(csvField('say "hi"', 'utm_content')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak', 'utm_term')).toBe('"line\nbreak"');
    expect(csvField('-5', 'link_slug')).toBe('-5');
    expect(csvField(null, 'utm_source')).toBe('');
    expect(csvField(new Date(Date.UTC(2026, 0, 2)), 'occurred_at')).toBe('2026-01-02T00:00:00.000Z');
  });
});
