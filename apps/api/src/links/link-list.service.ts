import { BadRequestException, Injectable } from '@nestjs/common';
import { AnalyticsService, DAY } from '@app/analytics';
import { DEFAULT_ORDER, LINK_CLICKS_WINDOW_DAYS, LINK_PAGE_SIZE } from '@app/common';
import { CursorError, decodeCursor, encodeCursor, type LinkListCursor } from './link-list.cursor.js';
import type { ListLinksQueryDto } from './links.dto.js';
import { type LinkPageQuery, LinksRepository, type ListedLink } from '@app/db';

export interface LinkPage {
  links: ListedLink[];
  nextCursor: string | null;
}

/**
 * The link list: filtered, sorted (by the last 30 days' clicks too), one page at a time. The
 * clicks are the analytics' own numbers (rollups and raw events, exact) over 30 UTC days: today
 * so far and the 29 before (whole days read from the daily rollups: a window ending at any instant
 * would add a second partial day of hourly rows). Every page of one listing counts the same
 * window, the one of its first page's instant.
 */
@Injectable()
export class LinkListService {
  constructor(
    private readonly links: LinksRepository,
    private readonly analytics: AnalyticsService,
  ) {}

  async page(creatorId: string, query: ListLinksQueryDto, now = Date.now()): Promise<LinkPage> {
    const sort = query.sort ?? 'created';
    const order = query.order ?? DEFAULT_ORDER[sort];
    const after = query.cursor === undefined ? undefined : this.cursor(query.cursor, sort, order);
    const asOf = after?.asOf ?? now;
    const limit = query.limit ?? LINK_PAGE_SIZE.default;
    const pageQuery: LinkPageQuery = {
      creatorId,
      status: query.status ?? (query.archived === 'true' ? 'archived' : 'unarchived'),
      search: query.search?.trim() || undefined,
      tag: query.tag?.trim().toLowerCase() || undefined,
      sort,
      order,
      after,
      asOf,
      limit: limit + 1,
    };
    const window = this.window(asOf);
    // sorting by clicks needs every link's; otherwise the page's are enough (and far cheaper)
    const rows =
      sort === 'clicks'
        ? await this.links.page(pageQuery, await this.analytics.clicksPerLink(creatorId, ...window))
        : await this.withClicks(await this.links.page(pageQuery, new Map()), creatorId, window);
    const links = rows.slice(0, limit);
    const last = links[links.length - 1];
    return {
      links,
      nextCursor:
        rows.length > limit ? encodeCursor({ sort, order, key: last.sortKey, id: last.id, asOf } satisfies LinkListCursor) : null,
    };
  }

  /**
   * Every link of the creator (archived ones too), oldest first, a page at a time, each with its
   * 30-day clicks: what `links/export.csv` writes.
   */
  async *everyLink(creatorId: string, now = Date.now()): AsyncGenerator<ListedLink[]> {
    const pageQuery: LinkPageQuery = {
      creatorId,
      status: 'any',
      sort: 'created',
      order: 'asc',
      asOf: now,
      limit: LINK_PAGE_SIZE.max,
    };
    const window = this.window(now);
    for (;;) {
      const rows = await this.withClicks(await this.links.page(pageQuery, new Map()), creatorId, window);
      if (rows.length > 0) yield rows;
      if (rows.length < LINK_PAGE_SIZE.max) return;
      const last = rows[rows.length - 1];
      pageQuery.after = { key: last.sortKey, id: last.id };
    }
  }

  /** Today (UTC) up to `asOf` and the 29 days before. */
  private window(asOf: number): readonly [number, number] {
    return [Math.floor(asOf / DAY) * DAY - (LINK_CLICKS_WINDOW_DAYS - 1) * DAY, asOf];
  }

  private async withClicks(rows: ListedLink[], creatorId: string, [from, to]: readonly [number, number]): Promise<ListedLink[]> {
    const clicks = await this.analytics.clicksPerLink(
      creatorId,
      from,
      to,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({ ...row, clicks30d: clicks.get(row.id) ?? 0 }));
  }

  private cursor(text: string, sort: LinkListCursor['sort'], order: LinkListCursor['order']): LinkListCursor {
    try {
      return decodeCursor(text, sort, order);
    } catch (error) {
      if (error instanceof CursorError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
