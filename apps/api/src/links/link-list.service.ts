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
    const window = [Math.floor(asOf / DAY) * DAY - (LINK_CLICKS_WINDOW_DAYS - 1) * DAY, asOf] as const;
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
