import { describe, expect, it } from '@jest/globals';
import type { ImportRow } from './import.formats.js';
import { checkRow } from './import-row.rules.js';

const row = (fields: Partial<ImportRow>): ImportRow => ({
  line: 2,
  url: 'https://example.com/page',
  slug: 'page',
  title: null,
  tags: [],
  expiresAt: null,
  ...fields,
});
const OWN_HOST = 'lp.example.net';

describe('checkRow', () => {
  it('normalises a good row into a candidate', () => {
    expect(checkRow(row({ url: '  https://EXAMPLE.com/a b ', title: ' Hi ', tags: ['A', 'a', ' b '] }), OWN_HOST)).toEqual({
      line: 2,
      url: 'https://example.com/a%20b',
      slug: 'page',
      title: 'Hi',
      tags: ['a', 'b'],
      expiresAt: null,
    });
  });

  it.each([
    [{ url: '' }, 'missing_url', 'no target URL'],
    [{ url: 'javascript:alert(1)' }, 'unsafe_url', 'a javascript: target is never imported'],
    [{ url: ' JavaScript:alert(1)' }, 'unsafe_url', 'a javascript: target is never imported'],
    [{ url: 'data:text/html,<b>x</b>' }, 'unsafe_url', 'a data: target is never imported'],
    [{ url: 'ftp://files.example.com/' }, 'bad_url', 'url must be an http or https URL, not ftp:'],
    [{ url: 'not a url' }, 'bad_url', 'url must be an absolute http or https URL, such as https://example.com/page'],
    [{ url: 'https://lp.example.net/loop' }, 'bad_url', expect.stringContaining('would loop')],
    [{ slug: 'yrl.dot' }, 'bad_slug', 'the slug must be 1 to 64 characters, each a letter, digit, _ or -'],
    [{ slug: 'Admin' }, 'reserved_slug', '"Admin" is a reserved word here'],
    [{ skip: 'password_protected' as const }, 'password_protected', expect.stringContaining('password')],
  ])('%j is skipped as %s', (fields, reason, message) => {
    expect(checkRow(row(fields), OWN_HOST)).toEqual({
      line: 2,
      slug: expect.anything(),
      url: expect.any(String),
      reason,
      message,
    });
  });

  it('drops control and bidi-override characters from titles, and tags holding them', () => {
    expect(checkRow(row({ title: 'Sale\u202Egnp.exe\u0007', tags: ['ok', 'evil\u2066'] }), OWN_HOST)).toMatchObject({
      title: 'Salegnp.exe',
      tags: ['ok'],
    });
  });

  it('cuts long titles and drops tags it cannot keep rather than the link', () => {
    const checked = checkRow(
      row({ title: 'x'.repeat(300), tags: ['ok', 'y'.repeat(51), 'bad\u0007', ...Array(30).fill('z')] }),
      OWN_HOST,
    );
    expect(checked).toMatchObject({ title: 'x'.repeat(200), tags: ['ok', 'z'] });
  });

  it('keeps a blank slug as none (generated later) and reads the expiry', () => {
    expect(checkRow(row({ slug: '  ', expiresAt: '2099-01-01T00:00:00.000Z' }), OWN_HOST)).toMatchObject({
      slug: null,
      expiresAt: new Date('2099-01-01T00:00:00Z'),
    });
  });
});
