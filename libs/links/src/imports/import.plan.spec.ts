import { describe, expect, it } from '@jest/globals';
import type { ImportRow } from './import.formats.js';
import { planRows, settleChunk } from './import.plan.js';

const row = (line: number, url: string, slug: string | null): ImportRow => ({
  line,
  url,
  slug,
  title: null,
  tags: [],
  expiresAt: null,
});
const reasons = (planned: { line: number }[]) =>
  planned.map((entry) => [entry.line, 'reason' in entry ? entry.reason : 'ok', 'message' in entry ? entry.message : '']);

describe('planRows', () => {
  it('marks a slug used earlier in the file (in any case), and a slug-less URL seen earlier, as duplicates naming the first line', () => {
    const planned = planRows(
      [
        row(2, 'https://a.example/', 'one'),
        row(3, 'https://b.example/', 'one'),
        row(4, 'https://c.example/', 'One'),
        row(5, 'https://d.example/', null),
        row(6, 'https://d.example/', null),
        row(7, 'https://d.example/', 'd'),
        row(8, 'javascript:alert(1)', 'two'),
      ],
      'lp.example.net',
    );
    expect(reasons(planned)).toEqual([
      [2, 'ok', ''],
      [3, 'duplicate_in_file', 'line 2 of the file has the same slug'],
      [4, 'duplicate_in_file', 'line 2 of the file has the same slug'],
      [5, 'ok', ''],
      [6, 'duplicate_in_file', 'line 5 of the file has the same URL'],
      [7, 'ok', ''],
      [8, 'unsafe_url', 'a javascript: target is never imported'],
    ]);
  });
});

describe('settleChunk', () => {
  const planned = planRows(
    [
      row(2, 'https://a.example/', 'mine-same'),
      row(3, 'https://b.example/', 'mine-other'),
      row(4, 'https://c.example/', 'theirs'),
      row(5, 'https://d.example/', null),
      row(6, 'https://e.example/', null),
      row(7, 'https://f.example/', 'freed'),
      row(8, 'https://g.example/', 'fresh'),
      row(9, 'https://h.example/', 'CASE'),
      row(10, 'https://i.example/', 'Theirs2'),
    ],
    'lp.example.net',
  );

  it('tells a re-run of the same file from slugs held by others, and holds quarantined slugs back', () => {
    const settled = settleChunk(
      planned,
      'me',
      [
        { slug: 'mine-same', creatorId: 'me', url: 'https://a.example/' },
        { slug: 'mine-other', creatorId: 'me', url: 'https://elsewhere.example/' },
        { slug: 'theirs', creatorId: 'them', url: 'https://c.example/' },
        { slug: 'case', creatorId: 'me', url: 'https://h.example/' },
        { slug: 'theirs2', creatorId: 'them', url: 'https://i.example/' },
      ],
      new Set(['https://d.example/']),
      new Set(['freed']),
    );
    expect(reasons(settled)).toEqual([
      [2, 'already_imported', 'you already have this link'],
      [3, 'duplicate_slug', 'you already use this slug for another URL'],
      [4, 'duplicate_slug', 'this slug is taken'],
      [5, 'already_imported', 'you already have a link to this URL'],
      [6, 'ok', ''],
      [7, 'quarantined_slug', 'this slug was freed recently and is held back'],
      [8, 'ok', ''],
      [9, 'duplicate_slug', 'your link /case differs from it only by case'],
      [10, 'duplicate_slug', 'this slug is taken'],
    ]);
  });
});
