import type { ImportRow } from './import.formats.js';
import { checkRow, type ImportCandidate, isSkip, type RowSkip, type SkipReason } from './import-row.rules.js';

export type PlannedRow = ImportCandidate | RowSkip;

/** A link that holds a slug the import names. */
export interface SlugHolder {
  slug: string;
  creatorId: string;
  url: string;
}

const skipped = (row: ImportCandidate, reason: SkipReason, message: string): RowSkip => ({
  line: row.line,
  slug: row.slug,
  url: row.url,
  reason,
  message,
});

/**
 * Every row checked on its own, then against the rows before it: a slug the file used already, in
 * any case (no two links may differ only by case, docs/links.md), is a duplicate, as is a row
 * without a slug whose target an earlier row without a slug had.
 */
export function planRows(rows: ImportRow[], ownHost: string): PlannedRow[] {
  const slugLines = new Map<string, number>();
  const unsluggedUrls = new Map<string, number>();
  return rows.map((row) => {
    const checked = checkRow(row, ownHost);
    if (isSkip(checked)) return checked;
    const seen = checked.slug === null ? unsluggedUrls : slugLines;
    const key = checked.slug?.toLowerCase() ?? checked.url;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return skipped(checked, 'duplicate_in_file', `line ${earlier} of the file has the same ${checked.slug ? 'slug' : 'URL'}`);
    }
    seen.set(key, checked.line);
    return checked;
  });
}

/**
 * A chunk's candidates against what is stored (`holders`: the links holding the chunk's slugs in
 * any case). Importing the same file again changes nothing: a slug the creator holds, exactly, for
 * the same target, and a slug-less row whose target the creator already links to, are
 * `already_imported`. A slug anyone else holds in any case (or the creator, for another target or
 * in another case) is a `duplicate_slug`; one in quarantine (freed recently, SPEC §11) is
 * `quarantined_slug`.
 */
export function settleChunk(
  planned: PlannedRow[],
  creatorId: string,
  holders: SlugHolder[],
  linkedUrls: Set<string>,
  /** the chunk's slugs, lowercased, reserved against this creator */
  quarantined: Set<string>,
): PlannedRow[] {
  const bySlug = new Map(holders.map((holder) => [holder.slug.toLowerCase(), holder]));
  return planned.map((row) => {
    if (isSkip(row)) return row;
    if (row.slug === null) {
      return linkedUrls.has(row.url) ? skipped(row, 'already_imported', 'you already have a link to this URL') : row;
    }
    const holder = bySlug.get(row.slug.toLowerCase());
    if (holder?.creatorId === creatorId && holder.url === row.url && holder.slug === row.slug) {
      return skipped(row, 'already_imported', 'you already have this link');
    }
    if (holder) {
      return skipped(
        row,
        'duplicate_slug',
        holder.creatorId !== creatorId
          ? 'this slug is taken'
          : holder.slug === row.slug
            ? 'you already use this slug for another URL'
            : `your link /${holder.slug} differs from it only by case`,
      );
    }
    if (quarantined.has(row.slug.toLowerCase()))
      return skipped(row, 'quarantined_slug', 'this slug was freed recently and is held back');
    return row;
  });
}
