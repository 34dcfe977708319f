import { randomInt } from 'node:crypto';

export const SLUG_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const GENERATED_SLUG_LENGTH = 7;
/**
 * Generated slugs are read off posters and typed on phones: lower case (slugs cannot differ only
 * by case anyway), without the look-alikes 0/o, 1/l/i.
 */
const SLUG_CHARACTERS = '23456789abcdefghjkmnpqrstuvwxyz';

/** Paths the application itself answers; compared case-insensitively. */
export const RESERVED_SLUGS = new Set([
  'api',
  'app',
  'apps',
  'health',
  'healthz',
  'metrics',
  'assets',
  'static',
  'public',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'login',
  'logout',
  'signup',
  'register',
  'admin',
  'dashboard',
  'settings',
  'docs',
  'help',
  'about',
  'status',
  'well-known',
  '.well-known',
  'www',
  'linkpulse',
  'undefined',
  'null',
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug.toLowerCase());
}

/** 7 random characters of SLUG_CHARACTERS, never a reserved word. */
export function generateSlug(): string {
  let slug = '';
  for (let i = 0; i < GENERATED_SLUG_LENGTH; i++) slug += SLUG_CHARACTERS[randomInt(SLUG_CHARACTERS.length)];
  return isReservedSlug(slug) ? generateSlug() : slug;
}

/** Why a slug a creator chose cannot be used, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (!SLUG_PATTERN.test(slug)) return 'slug must be 1 to 64 characters, each a letter, digit, _ or -';
  if (isReservedSlug(slug)) return `slug "${slug}" is reserved`;
  return null;
}
