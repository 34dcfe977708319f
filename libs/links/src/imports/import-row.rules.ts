import { FORBIDDEN_CHARACTER } from '@app/common';
import { MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH } from '../link-fields.rules.js';
import { normaliseTargetUrl, TargetUrlError } from '../link-target.rules.js';
import { isReservedSlug, SLUG_PATTERN } from '../slug.rules.js';
import type { ImportRow, SourceSkip } from './import.formats.js';

/** Why a row was not imported; the report shows each with a sentence. */
export type SkipReason =
  | SourceSkip
  | 'missing_url'
  | 'unsafe_url'
  | 'bad_url'
  | 'bad_slug'
  | 'reserved_slug'
  | 'duplicate_in_file'
  | 'duplicate_slug'
  | 'quarantined_slug'
  | 'already_imported';

/** A row that passed every check that needs no database. */
export interface ImportCandidate {
  line: number;
  url: string;
  /** null: a slug is generated */
  slug: string | null;
  title: string | null;
  tags: string[];
  expiresAt: Date | null;
}

export interface RowSkip {
  line: number;
  slug: string | null;
  url: string;
  reason: SkipReason;
  message: string;
}

/** Schemes that run code or read local data when followed: named in the report, never imported. */
const UNSAFE_SCHEMES = /^\s*(javascript|vbscript|data|file|blob):/i;
const CONTROL = /\p{Cc}/u;
const FORBIDDEN_CHARACTERS = new RegExp(FORBIDDEN_CHARACTER.source, 'g');
/** What the report keeps of a long URL. */
const REPORTED_URL_LENGTH = 300;

export const SKIP_MESSAGES: Record<SourceSkip, string> = {
  password_protected: 'password-protected in the export; its password cannot be carried over',
  banned: 'banned in the export',
  expired: 'expired before the import',
};

/**
 * A row checked on its own: its target an http(s) URL (javascript:, data: and the like named as
 * unsafe), its slug one we allow and not a reserved word. Titles lose the characters the API
 * refuses (controls, bidi overrides) and are cut to the length we keep, and tags we cannot keep
 * are dropped, rather than losing the link over them.
 */
export function checkRow(row: ImportRow, ownHost: string): ImportCandidate | RowSkip {
  const url = row.url.trim();
  const slug = row.slug?.trim() || null;
  const skip = (reason: SkipReason, message: string): RowSkip => ({
    line: row.line,
    slug,
    url: url.slice(0, REPORTED_URL_LENGTH),
    reason,
    message,
  });
  if (row.skip) return skip(row.skip, SKIP_MESSAGES[row.skip]);
  if (url === '') return skip('missing_url', 'no target URL');
  if (UNSAFE_SCHEMES.test(url))
    return skip('unsafe_url', `a ${url.split(':')[0]!.trim().toLowerCase()}: target is never imported`);
  let target: string;
  try {
    target = normaliseTargetUrl('url', url, { ownHost });
  } catch (error) {
    if (error instanceof TargetUrlError) return skip('bad_url', error.message);
    throw error;
  }
  if (slug !== null && !SLUG_PATTERN.test(slug)) {
    return skip('bad_slug', 'the slug must be 1 to 64 characters, each a letter, digit, _ or -');
  }
  if (slug !== null && isReservedSlug(slug)) return skip('reserved_slug', `"${slug}" is a reserved word here`);
  const title = row.title?.replace(FORBIDDEN_CHARACTERS, '').trim().slice(0, MAX_TITLE_LENGTH) || null;
  const tags = [...new Set(row.tags.map((tag) => tag.trim().toLowerCase()))]
    .filter((tag) => tag !== '' && tag.length <= MAX_TAG_LENGTH && !CONTROL.test(tag) && !FORBIDDEN_CHARACTER.test(tag))
    .slice(0, MAX_TAGS);
  return {
    line: row.line,
    url: target,
    slug,
    title,
    tags,
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt),
  };
}

export const isSkip = (checked: ImportCandidate | RowSkip): checked is RowSkip => 'reason' in checked;
