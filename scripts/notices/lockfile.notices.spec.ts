import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dependencyClosure, type Lockfile, renderNotices, serverPackages } from './lockfile.notices.js';

const lockfile: Lockfile = {
  packages: {
    '': { name: 'app', version: '1.0.0' },
    'node_modules/a': { version: '1.0.0', license: 'MIT', dependencies: { b: '^2' } },
    'node_modules/b': { version: '2.0.0', license: 'ISC' },
    'node_modules/a/node_modules/c': { version: '3.0.0', license: 'Apache-2.0' },
    'node_modules/other/node_modules/c': { version: '3.0.0', license: 'Apache-2.0' },
    'node_modules/@scope/ui': { version: '0.1.0', license: 'MIT', dev: true, dependencies: { c: '^3', b: '^2' } },
    'node_modules/@scope/ui/node_modules/c': { version: '4.0.0', license: 'BSD-3-Clause', dev: true },
    'node_modules/bare': { version: '0.0.1' },
  },
};

describe('third-party notices', () => {
  it('lists every installed production package once per version, without dev-only ones', () => {
    expect(serverPackages(lockfile)).toEqual([
      { name: 'a', version: '1.0.0', license: 'MIT' },
      { name: 'b', version: '2.0.0', license: 'ISC' },
      { name: 'bare', version: '0.0.1', license: 'not declared (see the package)' },
      { name: 'c', version: '3.0.0', license: 'Apache-2.0' },
    ]);
  });

  it('follows dependencies as Node resolves them: the nested copy first, then up the tree', () => {
    expect(dependencyClosure(lockfile, ['@scope/ui'])).toEqual([
      { name: '@scope/ui', version: '0.1.0', license: 'MIT' },
      { name: 'b', version: '2.0.0', license: 'ISC' },
      { name: 'c', version: '4.0.0', license: 'BSD-3-Clause' },
    ]);
  });

  it('is up to date with package-lock.json (run `npm run notices`)', () => {
    const current = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
    expect(readFileSync('THIRD_PARTY_NOTICES.md', 'utf8')).toBe(renderNotices(current));
  });

  it('names ua-parser-js under the AGPL, the reason Linkpulse is AGPL itself', () => {
    const current = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
    expect(serverPackages(current).find((notice) => notice.name === 'ua-parser-js')?.license).toBe('AGPL-3.0-or-later');
  });
});
