import { readFileSync } from 'node:fs';

/**
 * An email as it is stored, compared and counted: trimmed, NFKC, case-folded once (and NFKC again,
 * since lower-casing can undo it: `İ` becomes `i` + U+0307). Applied to every email at the edge
 * (the DTOs), so the sign-in lookup, the unique index and the rate limiter all key by the same
 * string: before, the limiter lower-cased in JavaScript and the lookup in PostgreSQL, and
 * `mİa@…` got a fresh budget of guesses.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}

/**
 * Usernames no one may take: the product's own words, the roles people trust, and the paths of
 * this site. Compared by skeleton, so `adrnin` is refused like `admin`.
 */
const RESERVED_USERNAMES = [
  'abuse',
  'account',
  'accounts',
  'admin',
  'administrator',
  'api',
  'app',
  'assets',
  'billing',
  'blog',
  'contact',
  'dashboard',
  'docs',
  'help',
  'hostmaster',
  'info',
  'legal',
  'linkpulse',
  'login',
  'logout',
  'mail',
  'me',
  'metrics',
  'moderator',
  'noreply',
  'official',
  'owner',
  'postmaster',
  'privacy',
  'root',
  'security',
  'settings',
  'share',
  'signin',
  'signup',
  'static',
  'status',
  'support',
  'system',
  'team',
  'terms',
  'webmaster',
  'www',
];

/**
 * Pairs that read alike in the fonts a profile page is seen in (UTS #39's confusables, restricted
 * to the characters a username may hold: a-z, 0-9, _). `maya` and `rnaya`, `lucia` and `1ucia`,
 * `o_o` and `0_0` share a skeleton; only one of them can exist.
 */
const CONFUSABLES: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/0/g, 'o'],
  [/1/g, 'l'],
];

export function usernameSkeleton(username: string): string {
  return CONFUSABLES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), username.toLowerCase());
}

const RESERVED_SKELETONS = new Set(RESERVED_USERNAMES.map(usernameSkeleton));

/** Why the username cannot be had by anyone, or null. */
export function reservedUsernameProblem(username: string): string | null {
  return RESERVED_SKELETONS.has(usernameSkeleton(username)) ? `The username "${username}" is reserved` : null;
}

/** The 17,950 most common passwords of 8 characters or more, lower-cased (common-passwords.NOTICE). */
let commonPasswords: Set<string> | null = null;

function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8').split('\n'));
  return commonPasswords.has(password.toLowerCase());
}

/** Why a new password is too easy to guess, or null. */
export function weakPasswordProblem(
  field: string,
  password: string,
  account: { email: string; username: string },
): string | null {
  const lower = password.toLowerCase();
  if (isCommonPassword(password)) return `${field} is one of the most common passwords; choose another`;
  const local = account.email.split('@')[0];
  if (lower === account.username || lower === account.email || lower === local) {
    return `${field} must not be your email or username`;
  }
  if (new Set(password).size < 4) return `${field} has too few different characters`;
  return null;
}
