import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LinkRule, LinkSort, LinkStatus, SortOrder } from '@app/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Link } from '../entities/link.entity.js';

export type NewLink = Omit<Link, 'createdAt' | 'updatedAt' | 'archivedAt'>;
export type LinkChanges = Partial<
  Pick<
    Link,
    | 'slug'
    | 'url'
    | 'title'
    | 'onProfile'
    | 'profilePosition'
    | 'expiresAt'
    | 'fallbackUrl'
    | 'tags'
    | 'archivedAt'
    | 'conversionTracking'
    | 'rules'
    | 'startsAt'
  >
>;

/**
 * What the redirect needs of a link, held in the API's memory: the redirect decides from it alone,
 * with no I/O. A per-link feature adds what it decides from here, prepared when the link is loaded
 * (conversion tracking a flag; rules compiled to sets, with flags for what they read — country,
 * device, OS, language — so a plain link pays one null check). The Redis copy is this object as
 * JSON: a field added later is missing from copies written before, so read it with a default
 * (docs/benchmarks.md, "The link record").
 */
export interface RedirectTarget {
  id: string;
  creatorId: string;
  url: string;
  /** epoch ms, or null */
  expiresAt: number | null;
  fallbackUrl: string | null;
  archived: boolean;
  /** the redirect adds lp_cid=<click id> to the target */
  conversionTracking: boolean;
  /** targeting rules, first match wins (absent in copies cached before rules existed: none) */
  rules?: LinkRule[] | null;
  /** epoch ms before which the link does not redirect (absent in older cached copies: none) */
  startsAt?: number | null;
}

/** A link as the profile editor lists it. */
export interface ProfileOrderRow {
  id: string;
  slug: string;
  title: string | null;
  url: string;
  onProfile: boolean;
}

/** A link as the public page shows it. */
export interface PublicLink {
  slug: string;
  title: string | null;
  url: string;
}

/** How analytics names a link. */
export interface LinkLabel {
  slug: string;
  title: string | null;
}

/** How a link is named wherever its numbers are shown: `Title (/slug)`, `/slug`, or `(deleted link)`. */
export function linkLabel(link: LinkLabel | undefined): string {
  return link ? (link.title ? `${link.title} (/${link.slug})` : `/${link.slug}`) : '(deleted link)';
}

interface RedirectRow {
  id: string;
  creator_id: string;
  url: string;
  expires_at: Date | null;
  fallback_url: string | null;
  archived: boolean;
  conversion_tracking: boolean;
  rules: LinkRule[] | null;
  starts_at: Date | null;
}

export interface LinkPageQuery {
  creatorId: string;
  /** unarchived: every link that is not archived (active and expired); any: every link */
  status: LinkStatus | 'unarchived' | 'any';
  /** matched anywhere in the slug, title, URL or tags, case-insensitively */
  search?: string;
  tag?: string;
  sort: LinkSort;
  order: SortOrder;
  /** the sort key and id of the last link of the previous page */
  after?: { key: string; id: string };
  /** the instant expiry is judged at */
  asOf: number;
  limit: number;
}

export interface ListedLink extends Link {
  clicks30d: number;
  /** the link's sort key as text, for the next page's cursor */
  sortKey: string;
}

/** Each sort's key as SQL over `links l` and the clicks `c`, and the type its cursor value is cast to. */
const SORT_KEYS: Record<LinkSort, { sql: string; type: string }> = {
  created: { sql: 'l.created_at', type: 'timestamptz' },
  clicks: { sql: 'coalesce(c.clicks, 0)', type: 'int' },
  title: { sql: 'lower(coalesce(l.title, l.slug))', type: 'text' },
};

/** Each status as SQL over `links l`, judged at the instant `asOf` gives the parameter of. */
const STATUS_SQL: Record<LinkPageQuery['status'], (asOf: () => string) => string> = {
  unarchived: () => 'l.archived_at IS NULL',
  any: () => 'TRUE',
  active: (asOf) => `l.archived_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > ${asOf()})`,
  expired: (asOf) => `l.archived_at IS NULL AND l.expires_at <= ${asOf()}`,
  archived: () => 'l.archived_at IS NOT NULL',
};

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The links table, the only path to it. Every query but the redirect's (by slug) is scoped by
 * creator. Methods taking `tx` run inside the caller's transaction (see Transactions).
 */
@Injectable()
export class LinksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One page of the creator's links that match the query, in its order, each with its clicks from
   * `clicks` (link ids and counts; links absent from it have none). Ties are broken by id.
   */
  async page(query: LinkPageQuery, clicks: Map<string, number>): Promise<ListedLink[]> {
    const params: unknown[] = [query.creatorId, [...clicks.keys()], [...clicks.values()]];
    const param = (value: unknown): string => `$${params.push(value)}`;
    const key = SORT_KEYS[query.sort];
    const where = ['l.creator_id = $1', STATUS_SQL[query.status](() => param(new Date(query.asOf)))];
    if (query.search) {
      const pattern = param(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(l.slug ILIKE ${pattern} OR l.title ILIKE ${pattern} OR l.url ILIKE ${pattern} OR array_to_string(l.tags, ' ') ILIKE ${pattern})`,
      );
    }
    if (query.tag) where.push(`${param(query.tag)} = ANY(l.tags)`);
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.after) {
      const comparison = query.order === 'asc' ? '>' : '<';
      where.push(`(${key.sql}, l.id) ${comparison} (${param(query.after.key)}::${key.type}, ${param(query.after.id)}::uuid)`);
    }
    return this.db.query(
      `SELECT l.id, l.creator_id AS "creatorId", l.slug, l.url, l.title, l.on_profile AS "onProfile",
              l.profile_position AS "profilePosition", l.expires_at AS "expiresAt", l.fallback_url AS "fallbackUrl",
              l.tags, l.archived_at AS "archivedAt", l.conversion_tracking AS "conversionTracking",
              l.created_at AS "createdAt", l.updated_at AS "updatedAt", coalesce(c.clicks, 0)::int AS "clicks30d", (${key.sql})::text AS "sortKey"
         FROM links l
         LEFT JOIN unnest($2::uuid[], $3::int[]) AS c (link_id, clicks) ON c.link_id = l.id
        WHERE ${where.join(' AND ')}
        ORDER BY ${key.sql} ${direction}, l.id ${direction}
        LIMIT ${param(query.limit)}`,
      params,
    );
  }

  /** The creator's link; with `forUpdate`, locked until the transaction ends. */
  findOwned(
    creatorId: string,
    id: string,
    tx: EntityManager = this.db.manager,
    options: { forUpdate?: boolean } = {},
  ): Promise<Link | null> {
    return tx.getRepository(Link).findOne({
      where: { id, creatorId },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Whether the link exists and belongs to the creator. */
  async belongsTo(linkId: string, creatorId: string, tx: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await tx.query<unknown[]>('SELECT 1 FROM links WHERE id = $1 AND creator_id = $2', [linkId, creatorId]);
    return rows.length > 0;
  }

  /**
   * Who holds each of these slugs in any case (an import tells a re-run of itself from someone
   * else's slug). Locks the slugs' lower-case forms, in one order, until the transaction ends, as
   * `isSlugTaken` does for one.
   */
  async slugHolders(tx: EntityManager, slugs: string[]): Promise<{ slug: string; creatorId: string; url: string }[]> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(folded, 4117))
         FROM (SELECT DISTINCT lower(slug) AS folded FROM unnest($1::text[]) AS slug ORDER BY 1) AS slugs`,
      [slugs],
    );
    return tx.query(
      'SELECT slug, creator_id AS "creatorId", url FROM links WHERE lower(slug) = ANY(SELECT lower(s) FROM unnest($1::text[]) AS s)',
      [slugs],
    );
  }

  /** Which of these URLs the creator already has a link to. */
  async urlsLinked(tx: EntityManager, creatorId: string, urls: string[]): Promise<Set<string>> {
    const rows = await tx.query<{ url: string }[]>(
      'SELECT DISTINCT url FROM links WHERE creator_id = $1 AND url = ANY($2::text[])',
      [creatorId, urls],
    );
    return new Set(rows.map((row) => row.url));
  }

  /** Inserts each link whose slug is free, in one statement; the slugs inserted, with their ids. */
  async insertEachUnlessSlugTaken(tx: EntityManager, links: NewLink[]): Promise<Map<string, string>> {
    if (links.length === 0) return new Map();
    const result = await tx.createQueryBuilder().insert().into(Link).values(links).orIgnore().returning(['id', 'slug']).execute();
    return new Map((result.raw as { id: string; slug: string }[]).map((row) => [row.slug, row.id]));
  }

  /**
   * Whether another link holds the slug in any case (`MERCH` takes `merch`). Locks the slug's
   * lower-case form until the transaction ends, so two links cannot take `A` and `a` at once.
   */
  async isSlugTaken(tx: EntityManager, slug: string, exceptLinkId: string | null = null): Promise<boolean> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended(lower($1), 4117))', [slug]);
    const rows = await tx.query<unknown[]>(
      'SELECT 1 FROM links WHERE lower(slug) = lower($1) AND id IS DISTINCT FROM $2::uuid LIMIT 1',
      [slug, exceptLinkId],
    );
    return rows.length > 0;
  }

  /** Inserts the link unless its slug is taken, in any case; null when it is. */
  async insertUnlessSlugTaken(tx: EntityManager, link: NewLink): Promise<Link | null> {
    if (await this.isSlugTaken(tx, link.slug)) return null;
    const result = await tx.createQueryBuilder().insert().into(Link).values(link).orIgnore().returning(['id']).execute();
    if ((result.raw as unknown[]).length === 0) return null;
    return tx.getRepository(Link).findOneByOrFail({ id: link.id });
  }

  async update(tx: EntityManager, creatorId: string, id: string, changes: LinkChanges): Promise<Link> {
    if (Object.keys(changes).length > 0) await tx.getRepository(Link).update({ id, creatorId }, changes);
    return tx.getRepository(Link).findOneByOrFail({ id, creatorId });
  }

  /** The deleted link's slug, or null when the creator has no such link. */
  async delete(creatorId: string, id: string, tx: EntityManager = this.db.manager): Promise<string | null> {
    const [rows] = await tx.query<[{ slug: string }[], number]>(
      'DELETE FROM links WHERE id = $1 AND creator_id = $2 RETURNING slug',
      [id, creatorId],
    );
    return rows[0]?.slug ?? null;
  }

  /** Every slug of the creator (their caches are dropped when the account goes). */
  async slugsOf(creatorId: string): Promise<string[]> {
    const rows = await this.db.query<{ slug: string }[]>('SELECT slug FROM links WHERE creator_id = $1', [creatorId]);
    return rows.map((row) => row.slug);
  }

  /** The redirect's view of the link at this slug, whoever owns it; null when there is none. */
  async redirectTarget(slug: string): Promise<RedirectTarget | null> {
    const [row] = await this.db.query<RedirectRow[]>(
      `SELECT id, creator_id, url, expires_at, fallback_url, archived_at IS NOT NULL AS archived, conversion_tracking,
              rules, starts_at
         FROM links WHERE slug = $1`,
      [slug],
    );
    if (!row) return null;
    return {
      id: row.id,
      creatorId: row.creator_id,
      url: row.url,
      expiresAt: row.expires_at?.getTime() ?? null,
      fallbackUrl: row.fallback_url,
      archived: row.archived,
      conversionTracking: row.conversion_tracking,
      rules: row.rules,
      startsAt: row.starts_at?.getTime() ?? null,
    };
  }

  /** Slug and title of the creator's links among these ids (ids that are not UUIDs are ignored). */
  async labels(creatorId: string, ids: string[], tx: EntityManager = this.db.manager): Promise<Map<string, LinkLabel>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.query<({ id: string } & LinkLabel)[]>(
      'SELECT id, slug, title FROM links WHERE creator_id = $1 AND id = ANY($2::uuid[])',
      [creatorId, ids.filter((id) => UUID.test(id))],
    );
    return new Map(rows.map((row) => [row.id, { slug: row.slug, title: row.title }]));
  }

  /** The position after the last link on the creator's profile (0 for the first). */
  async nextProfilePosition(tx: EntityManager, creatorId: string): Promise<number> {
    const [row] = await tx.query<{ next: number }[]>(
      'SELECT COALESCE(MAX(profile_position) + 1, 0)::int AS next FROM links WHERE creator_id = $1 AND on_profile',
      [creatorId],
    );
    return row.next;
  }

  /**
   * The creator's links as the profile editor shows them: those on the profile in their order,
   * then the others (not archived), newest first.
   */
  profileOrder(creatorId: string): Promise<ProfileOrderRow[]> {
    return this.db.query<ProfileOrderRow[]>(
      `SELECT id, slug, title, url, on_profile AS "onProfile" FROM links
        WHERE creator_id = $1 AND archived_at IS NULL
        ORDER BY on_profile DESC,
                 CASE WHEN on_profile THEN profile_position END,
                 CASE WHEN on_profile THEN created_at END,
                 created_at DESC, id`,
      [creatorId],
    );
  }

  /** The links the public page shows, in order: on the profile, neither archived nor expired. */
  publicLinks(creatorId: string): Promise<PublicLink[]> {
    return this.db.query<PublicLink[]>(
      `SELECT slug, title, url FROM links
        WHERE creator_id = $1 AND on_profile AND archived_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        ORDER BY profile_position, created_at, id`,
      [creatorId],
    );
  }

  /** Which of these ids are the creator's links. */
  async ownedIds(tx: EntityManager, creatorId: string, ids: string[]): Promise<Set<string>> {
    const rows = await tx.query<{ id: string }[]>('SELECT id FROM links WHERE creator_id = $1 AND id = ANY($2::uuid[])', [
      creatorId,
      ids,
    ]);
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Makes `entries` the profile's links, in this order (positions 0, 1, 2…); the creator's other
   * links that are not archived leave the profile.
   */
  async setProfileOrder(tx: EntityManager, creatorId: string, entries: { id: string; visible: boolean }[]): Promise<void> {
    const ids = entries.map((entry) => entry.id);
    await tx.query(
      `UPDATE links SET on_profile = false, updated_at = now()
        WHERE creator_id = $1 AND on_profile AND archived_at IS NULL AND NOT (id = ANY($2::uuid[]))`,
      [creatorId, ids],
    );
    await tx.query(
      `UPDATE links AS l
          SET on_profile = e.visible,
              profile_position = e.position - 1,
              updated_at = CASE WHEN l.on_profile = e.visible THEN l.updated_at ELSE now() END
         FROM unnest($2::uuid[], $3::boolean[]) WITH ORDINALITY AS e (id, visible, position)
        WHERE l.id = e.id AND l.creator_id = $1`,
      [creatorId, ids, entries.map((entry) => entry.visible)],
    );
  }
}
