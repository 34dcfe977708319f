import { describe, expect, it } from '@jest/globals';
import { detectDelimiter, readCsv } from './csv.reader.js';

describe('readCsv', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks, numbering records by their first line', () => {
    const text = 'a,b,c\r\n1,"two, too","say ""hi"""\r\n"multi\nline",x,y\n\nlast,,\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, too', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'x', 'y'] },
      { line: 6, fields: ['last', '', ''] },
    ]);
  });

  it('drops a byte order mark and reads a last record with no line break', () => {
    expect(readCsv('\uFEFFurl,slug\nhttps://a.example,a')).toEqual([
      { line: 1, fields: ['url', 'slug'] },
      { line: 2, fields: ['https://a.example', 'a'] },
    ]);
  });

  it('reads old Mac line ends (CR only)', () => {
    expect(readCsv('a,b\r1,2\r').map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the line a never-closed quote opened on', () => {
    expect(() => readCsv('a,b\n1,2\n3,"open\nstill open')).toThrow('a quoted field opened on line 3 is never closed');
  });

  it('reads semicolon and tab separated files by their header line', () => {
    expect(detectDelimiter('url;slug;title\nhttps://a.example,b;c;d')).toBe(';');
    expect(detectDelimiter('url\tslug\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(detectDelimiter('url\n')).toBe(',');
    expect(readCsv('url;title\nhttps://a.example/x,y;Title, with comma').map((r) => r.fields)).toEqual([
      ['url', 'title'],
      ['https://a.example/x,y', 'Title, with comma'],
    ]);
  });
});
