/**
 * The link list's query vocabulary (SPEC section 11), shared by the API and the dashboard.
 */

/** active: redirecting now; expired: past its expiry, not archived; archived: archived (expired or not) */
export const LINK_STATUSES = ['active', 'archived', 'expired'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** clicks: the link's clicks over the last 30 days */
export const LINK_SORTS = ['created', 'clicks', 'title'] as const;
export type LinkSort = (typeof LINK_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Newest and most clicked first; titles A to Z. */
export const DEFAULT_ORDER: Record<LinkSort, SortOrder> = { created: 'desc', clicks: 'desc', title: 'asc' };

export const LINK_PAGE_SIZE = { default: 100, max: 500 } as const;

/** The window of a link's `clicks30d`: the UTC day of the moment the list was asked (up to it) and the 29 before. */
export const LINK_CLICKS_WINDOW_DAYS = 30;
