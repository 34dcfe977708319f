import type { LinkListQuery, LinkSort, LinkStatus, SortOrder } from '../../lib/api/types';
import { LINK_STATUSES } from '../../lib/api/types';

/** The Links page's sort menu: each choice is a sort and an order of the API. */
export const SORT_CHOICES: { value: string; label: string; sort: LinkSort; order: SortOrder }[] = [
  { value: 'newest', label: 'Newest first', sort: 'created', order: 'desc' },
  { value: 'oldest', label: 'Oldest first', sort: 'created', order: 'asc' },
  { value: 'clicks', label: 'Most clicks (30 days)', sort: 'clicks', order: 'desc' },
  { value: 'fewest', label: 'Fewest clicks (30 days)', sort: 'clicks', order: 'asc' },
  { value: 'title', label: 'Title A–Z', sort: 'title', order: 'asc' },
];

/**
 * The list the page's address asks for (`?status=&tag=&q=&sort=`; active links by default);
 * `archived=1` and `expired=1` are older forms of the status.
 */
export function listQueryOf(params: URLSearchParams): LinkListQuery & { status: LinkStatus; choice: string } {
  const status =
    params.get('status') ?? (params.get('archived') === '1' ? 'archived' : params.get('expired') === '1' ? 'expired' : null);
  const choice = SORT_CHOICES.find((c) => c.value === params.get('sort')) ?? SORT_CHOICES[0];
  return {
    status: LINK_STATUSES.includes(status as LinkStatus) ? (status as LinkStatus) : 'active',
    tag: params.get('tag') || undefined,
    search: params.get('q') || undefined,
    sort: choice.sort,
    order: choice.order,
    choice: choice.value,
  };
}
