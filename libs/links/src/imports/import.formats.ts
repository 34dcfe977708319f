import { InvalidInputError } from '@app/common';
import { CsvError, readCsv } from './csv.reader.js';

export const IMPORT_FORMATS = ['bitly', 'shlink', 'kutt', 'yourls', 'plain'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The most rows one import may hold, and the largest file (5 MiB). */
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Why a row of an export is not even a candidate, decided from the export alone. */
export type SourceSkip = 'password_protected' | 'banned' | 'expired';

/** One data row of an export, in our terms, not yet checked. */
export interface ImportRow {
  /** the file line the row starts on (the header is line 1) */
  line: number;
  url: string;
  slug: string | null;
  title: string | null;
  tags: string[];
  /** ISO date-time, or null */
  expiresAt: string | null;
  skip?: SourceSkip;
}

export interface ParsedImport {
  format: ImportFormat;
  rows: ImportRow[];
}

/** A file that cannot be imported at all (a 400 at upload). */
export class ImportFileError extends InvalidInputError {}

type Record_ = (column: string) => string;

/**
 * Column names compared the way Shlink's own CSV importer does, and further: case, spaces,
 * underscores and hyphens ignored, so `long_url`, `Long URL` and `longUrl` are one column.
 */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

/** The last path segment of a short URL (`https://bit.ly/spring-sale` or `bit.ly/spring-sale`), or null. */
export function slugOfShortUrl(shortUrl: string): string | null {
  const path = shortUrl
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[?#].*$/, '');
  const slash = path.indexOf('/');
  if (slash < 0) return null;
  const segment = path.slice(slash + 1).replace(/\/+$/, '');
  if (segment === '' || segment.includes('/')) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Tags written as a JSON array (`["a","b"]`, Bitly's API) or separated by `|` (Shlink), `,` or `;`. */
export function splitTags(value: string): string[] {
  const text = value.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.filter((tag): tag is string => typeof tag === 'string');
    } catch {
      // not JSON after all: split it as text
    }
  }
  return text
    .split(/[|,;]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

const isTrue = (value: string): boolean => ['true', '1', 'yes', 't'].includes(value.trim().toLowerCase());
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A date-time an export wrote (ISO 8601, or `2026-07-01 12:00:00` read as UTC), or null. */
function exportedInstant(value: string): Date | null {
  const text = value.trim();
  if (text === '') return null;
  const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An expiry from the export: kept when in the future, a skip when past. */
function expiry(value: string, now: number): Pick<ImportRow, 'expiresAt' | 'skip'> {
  const date = exportedInstant(value);
  if (!date) return { expiresAt: null };
  return date.getTime() <= now ? { expiresAt: null, skip: 'expired' } : { expiresAt: date.toISOString() };
}

interface FormatReader {
  /** the (keyed) columns that identify the format; the first is the target URL */
  needs: (has: (column: string) => boolean) => boolean;
  row: (get: Record_, now: number) => Omit<ImportRow, 'line'>;
}

/**
 * Each export, read from its project's own code or documentation (docs/imports.md names the
 * sources). Tried in this order: Shlink and Bitly both have a `longUrl`/`long_url` column, and are
 * told apart by Shlink's `shortCode`/`shortUrl` and Bitly's `link`/`id`/`custom_bitlinks`.
 */
const READERS: Record<ImportFormat, FormatReader> = {
  // shlink-importer's CSV source (longUrl, tags split on |, domain, shortCode, title) and the web
  // client's export (createdAt, shortUrl, longUrl, title, tags joined with commas, visits)
  shlink: {
    needs: (has) => has('longurl') && (has('shortcode') || has('shorturl')),
    row: (get) => ({
      url: get('longurl'),
      slug: orNull(get('shortcode')) ?? slugOfShortUrl(get('shorturl')),
      title: orNull(get('title')),
      tags: splitTags(get('tags')),
      expiresAt: null,
    }),
  },
  // a Bitlink as Bitly's API and its links_list CSV export name it: id (bit.ly/abc), link,
  // long_url, title, created_at, archived, tags, custom_bitlinks (a custom back-half, preferred)
  bitly: {
    needs: (has) => has('longurl') && (has('link') || has('bitlink') || has('id') || has('custombitlinks')),
    row: (get) => {
      const custom = splitTags(get('custombitlinks'))[0];
      const short = custom ?? (orNull(get('link')) || orNull(get('bitlink')) || get('id'));
      return {
        url: get('longurl'),
        slug: slugOfShortUrl(short),
        title: orNull(get('title')),
        tags: splitTags(get('tags')),
        expiresAt: null,
      };
    },
  },
  // Kutt's link as its API answers it (server/utils: sanitize.link): address, target,
  // description, password (a flag), banned, expire_in, visit_count, link, created_at
  kutt: {
    needs: (has) => has('target') && has('address'),
    row: (get, now) => {
      const { expiresAt, skip } = expiry(get('expirein'), now);
      return {
        url: get('target'),
        slug: orNull(get('address')),
        title: orNull(get('description')),
        tags: [],
        expiresAt,
        skip: isTrue(get('banned')) ? 'banned' : isTrue(get('password')) ? 'password_protected' : skip,
      };
    },
  },
  // YOURLS' url table (includes/functions-install.php): keyword, url, title, timestamp, ip, clicks
  yourls: {
    needs: (has) => has('keyword') && has('url'),
    row: (get) => ({ url: get('url'), slug: orNull(get('keyword')), title: orNull(get('title')), tags: [], expiresAt: null }),
  },
  // ours: url, slug, title, tags — the first columns of links/export.csv, so an export imports back
  plain: {
    needs: (has) => has('url'),
    row: (get, now) => ({
      url: get('url'),
      slug: orNull(get('slug')),
      title: orNull(get('title')),
      tags: splitTags(get('tags')),
      ...expiry(get('expiresat'), now),
    }),
  },
};

const ORDER: ImportFormat[] = ['shlink', 'bitly', 'kutt', 'yourls', 'plain'];

export function detectFormat(header: string[]): ImportFormat | null {
  const keys = new Set(header.map(columnKey));
  const has = (column: string) => keys.has(column);
  return ORDER.find((format) => READERS[format].needs(has)) ?? null;
}

/**
 * The rows of an export, its format told by its header. A file with no header we know, no rows,
 * more than MAX_IMPORT_ROWS rows or broken quoting is an `ImportFileError` saying so.
 */
export function parseImport(text: string, now = Date.now()): ParsedImport {
  if (text.includes('\u0000')) throw new ImportFileError('The file is not a CSV text file (it holds NUL bytes)');
  let records;
  try {
    records = readCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(`The CSV is malformed: ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError('The file is empty');
  const format = detectFormat(header.fields);
  if (!format) {
    throw new ImportFileError(
      'The header names no format we import: expected Bitly (long_url, link), Shlink (longUrl, shortCode or shortUrl), ' +
        `Kutt (address, target), YOURLS (keyword, url) or url, slug, title, tags; found: ${header.fields.slice(0, 10).join(', ')}`,
    );
  }
  if (data.length === 0) throw new ImportFileError('The file has a header but no rows');
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError(`The file has ${data.length} rows; one import takes at most ${MAX_IMPORT_ROWS}`);
  }
  const index = new Map<string, number>();
  header.fields.forEach((name, i) => {
    const key = columnKey(name);
    if (!index.has(key)) index.set(key, i);
  });
  const reader = READERS[format];
  const rows = data.map(({ line, fields }) => {
    const get: Record_ = (column) => {
      const i = index.get(column);
      return i === undefined ? '' : (fields[i] ?? '');
    };
    return { line, ...reader.row(get, now) };
  });
  return { format, rows };
}
