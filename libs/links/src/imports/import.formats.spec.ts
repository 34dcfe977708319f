import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  columnKey,
  detectFormat,
  ImportFileError,
  MAX_IMPORT_ROWS,
  parseImport,
  slugOfShortUrl,
  splitTags,
} from './import.formats.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');
const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('detectFormat', () => {
  it.each([
    [['id', 'link', 'custom_bitlinks', 'long_url', 'title', 'tags'], 'bitly'],
    [['Bitlink', 'Long URL', 'Title'], 'bitly'],
    [['longUrl', 'tags', 'domain', 'shortCode', 'title'], 'shlink'],
    [['createdAt', 'shortUrl', 'longUrl', 'title', 'tags', 'visits'], 'shlink'],
    [['id', 'address', 'target', 'description', 'password'], 'kutt'],
    [['keyword', 'url', 'title', 'timestamp', 'ip', 'clicks'], 'yourls'],
    [['url', 'slug', 'title', 'tags', 'short_url', 'created_at'], 'plain'],
    [['URL'], 'plain'],
    [['name', 'destination'], null],
  ])('%j is %s', (header, format) => {
    expect(detectFormat(header)).toBe(format);
  });

  it('compares columns ignoring case, spaces, underscores and hyphens', () => {
    expect(['long_url', 'Long URL', 'longUrl', 'long-url'].map(columnKey)).toEqual(['longurl', 'longurl', 'longurl', 'longurl']);
  });
});

describe('slugOfShortUrl and splitTags', () => {
  it('takes the back-half of a short URL, with or without a scheme, decoded', () => {
    expect(slugOfShortUrl('https://bit.ly/3Kx9QmA')).toBe('3Kx9QmA');
    expect(slugOfShortUrl('bit.ly/spring-sale?x=1')).toBe('spring-sale');
    expect(slugOfShortUrl('https://s.example.com/caf%C3%A9/')).toBe('café');
    expect(slugOfShortUrl('https://s.example.com/')).toBeNull();
    expect(slugOfShortUrl('https://s.example.com/a/b')).toBeNull();
    expect(slugOfShortUrl('')).toBeNull();
  });

  it('splits JSON arrays, pipes, commas and semicolons', () => {
    expect(splitTags('["sale","spring"]')).toEqual(['sale', 'spring']);
    expect(splitTags('docs|onboarding')).toEqual(['docs', 'onboarding']);
    expect(splitTags(' press, news ;x')).toEqual(['press', 'news', 'x']);
    expect(splitTags('[not json')).toEqual(['[not json']);
    expect(splitTags('')).toEqual([]);
  });
});

describe('parseImport, from the fixture of each export', () => {
  it('reads a Bitly export: the custom back-half before the generated one, JSON tags, quoted titles', () => {
    const { format, rows } = parseImport(fixture('bitly.csv'), NOW);
    expect(format).toBe('bitly');
    expect(rows.map((row) => [row.line, row.slug, row.url])).toEqual([
      [2, '3Kx9QmA', 'https://shop.example.com/spring?utm_source=bitly'],
      [3, 'bly-podcast', 'https://podcast.example.com/episodes/42'],
      [4, '2ZqWe8T', 'javascript:alert(document.cookie)'],
      [5, 'admin', 'https://example.com/admin-panel'],
      [6, '3Kx9QmA', 'https://shop.example.com/spring-again'],
      [7, '5hNn7Ws', 'not a url at all'],
      [8, '1BlyOld', 'https://blog.example.com/2019/hello'],
    ]);
    expect(rows[0]).toMatchObject({ title: 'Spring sale', tags: ['sale', 'spring'] });
    expect(rows[1]).toMatchObject({ title: 'Episode 42: "Links, and why"', tags: [] });
  });

  it("reads shlink-importer's CSV (tags split on |) and the web client's export (slug from the short URL)", () => {
    const imported = parseImport(fixture('shlink.csv'), NOW);
    expect(imported.format).toBe('shlink');
    expect(imported.rows[0]).toEqual({
      line: 2,
      url: 'https://docs.example.com/start',
      slug: 'shl-start',
      title: 'Getting started',
      tags: ['docs', 'onboarding'],
      expiresAt: null,
    });
    expect(imported.rows[4]).toMatchObject({ slug: null, title: 'No short code' });
    const exported = parseImport(fixture('shlink-web-export.csv'), NOW);
    expect(exported.format).toBe('shlink');
    expect(exported.rows.map((row) => [row.slug, row.url, row.title, row.tags])).toEqual([
      ['shw-news', 'https://news.example.com/', 'News', ['press', 'news']],
      ['shw-jobs', 'https://jobs.example.com/openings', null, []],
    ]);
  });

  it('reads a Kutt export: password-protected and banned links are skipped, a past expiry too, a future one kept', () => {
    const { format, rows } = parseImport(fixture('kutt.csv'), NOW);
    expect(format).toBe('kutt');
    expect(rows.map((row) => [row.slug, row.title, row.skip, row.expiresAt])).toEqual([
      ['ktt-launch', 'Launch page', undefined, null],
      ['ktt-secret', 'Members only', 'password_protected', null],
      ['ktt-banned', null, 'banned', null],
      ['ktt-old', 'Old promo', 'expired', null],
      ['ktt-later', 'Future promo', undefined, '2099-01-01T00:00:00.000Z'],
    ]);
  });

  it("reads YOURLS' url table", () => {
    const { format, rows } = parseImport(fixture('yourls.csv'), NOW);
    expect(format).toBe('yourls');
    expect(rows.map((row) => [row.slug, row.title])).toEqual([
      ['yrl-home', 'Home'],
      ['yrl-talk', 'Keynote; slides & video'],
      ['yrl.dot', 'Dotted keyword'],
      ['yrl-data', 'Data URL'],
    ]);
  });

  it('reads the plain format', () => {
    const { format, rows } = parseImport(fixture('plain.csv'), NOW);
    expect(format).toBe('plain');
    expect(rows.map((row) => [row.slug, row.tags])).toEqual([
      ['pln-one', ['alpha', 'beta']],
      [null, []],
      ['pln-one', []],
      ['pln-four', ['GAMMA']],
    ]);
  });

  it('refuses files it cannot import, saying why', () => {
    const refused = (text: string) => {
      try {
        parseImport(text, NOW);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportFileError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('')).toBe('The file is empty');
    expect(refused('url,slug\n')).toBe('The file has a header but no rows');
    expect(refused('name,destination\nx,https://a.example\n')).toContain('found: name, destination');
    expect(refused('url\n"https://a.example\n')).toContain('never closed');
    expect(refused('url\nhttps://a.example/\u0000\n')).toContain('NUL');
    expect(refused(`url\n${'https://a.example/\n'.repeat(MAX_IMPORT_ROWS + 1)}`)).toBe(
      `The file has ${MAX_IMPORT_ROWS + 1} rows; one import takes at most ${MAX_IMPORT_ROWS}`,
    );
    expect(parseImport(`url\n${'https://a.example/\n'.repeat(MAX_IMPORT_ROWS)}`, NOW).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});
