import { readFileSync, writeFileSync } from 'node:fs';
import { renderNotices } from './notices/lockfile.notices.js';

/** `npm run notices`: writes THIRD_PARTY_NOTICES.md from package-lock.json. */
const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8'));
writeFileSync('THIRD_PARTY_NOTICES.md', renderNotices(lockfile));
console.log('THIRD_PARTY_NOTICES.md written');
