import { describe, expect, it } from '@jest/globals';
import { jsonBodyProblem } from './json-body.parser.js';

describe('jsonBodyProblem', () => {
  it('accepts ordinary text, with tabs, line breaks, emoji and right-to-left marks', () => {
    expect(jsonBodyProblem({ title: 'Shop\tnow', bio: 'line one\r\nline two 🎉', name: 'שלום\u200f!' })).toBeNull();
  });

  it.each([
    ['ESC', '\u001b[31mred', 'U+001B at position 0'],
    ['BEL', 'ding\u0007', 'U+0007 at position 4'],
    ['DEL', 'a\u007f', 'U+007F at position 1'],
    ['a C1 control', 'a\u0085', 'U+0085 at position 1'],
    ['RIGHT-TO-LEFT OVERRIDE', 'invoice\u202efdp.exe', 'U+202E at position 7'],
    ['FIRST STRONG ISOLATE', 'x\u2068y', 'U+2068 at position 1'],
  ])('refuses %s and names the field, the character and where it is', (_, text, where) => {
    expect(jsonBodyProblem({ title: text })).toBe(
      `title must not contain control or bidirectional-override characters (${where})`,
    );
  });

  it('names nested fields and array items', () => {
    expect(jsonBodyProblem({ links: [{ linkId: 'a' }, { title: 'ok', note: 'x\u001b' }] })).toMatch(/^links\[1\]\.note must not/);
    expect(jsonBodyProblem({ ['bad\u202ekey']: 1 })).toMatch(/^\(a field name\) must not/);
  });

  it('keeps refusing NUL, lone surrogates, prototype names, deep nesting and non-objects', () => {
    expect(jsonBodyProblem({ name: 'a\u0000' })).toMatch(/^name: text must not contain the NUL character/);
    expect(jsonBodyProblem({ email: '\ud800@example.com' })).toMatch(/^email: text must be valid Unicode/);
    expect(jsonBodyProblem(JSON.parse('{"constructor": {}}'))).toBe('A field may not be named constructor');
    expect(jsonBodyProblem({ a: { b: { c: {} } } }, 3)).toBe('Body nests deeper than 3 levels');
    expect(jsonBodyProblem(null)).toBe('The body must be a JSON object');
    expect(jsonBodyProblem([])).toBe('The body must be a JSON object');
  });
});
