import { csvField, csvLine, spreadsheetSafe } from '@app/analytics';
import type { ListedLink } from '@app/db';

/**
 * The columns of `links/export.csv`: the plain import format first (url, slug, title, tags — tags
 * comma-separated in one field), so an export imports back as it is, then what the list knows.
 */
export const LINK_EXPORT_COLUMNS = [
  'url',
  'slug',
  'title',
  'tags',
  'short_url',
  'created_at',
  'expires_at',
  'archived',
  'clicks_30d',
] as const;

/** One CSV line of a link; the title and tags, typed by the creator or an import, never run as formulas. */
export function linkCsvLine(link: ListedLink, publicUrl: string): string {
  const values: Record<(typeof LINK_EXPORT_COLUMNS)[number], unknown> = {
    url: link.url,
    slug: link.slug,
    title: link.title === null ? null : spreadsheetSafe(link.title),
    tags: link.tags.length === 0 ? null : spreadsheetSafe(link.tags.join(',')),
    short_url: `${publicUrl}/${link.slug}`,
    created_at: link.createdAt,
    expires_at: link.expiresAt,
    archived: link.archivedAt !== null,
    clicks_30d: link.clicks30d,
  };
  return csvLine(LINK_EXPORT_COLUMNS.map((column) => csvField(values[column])));
}

export const linkCsvHeader = (): string => csvLine([...LINK_EXPORT_COLUMNS]);
