/**
 * Types of the Linkpulse JSON API (/api/v1). The analytics shapes are the server's own
 * (libs/common/src/analytics.types.ts: types and constants only, no server code), so the two can
 * never drift apart.
 */

export * from '../../../../libs/common/src/analytics.types.ts';
export * from '../../../../libs/common/src/link-list.types.ts';
export * from '../../../../libs/common/src/journeys.types.ts';
export { PROFILE_THEMES, type ProfileTheme } from '../../../../libs/common/src/profile.themes.ts';
import type { ProfileTheme } from '../../../../libs/common/src/profile.themes.ts';
import type { LinkSort, LinkStatus, SortOrder } from '../../../../libs/common/src/link-list.types.ts';
// ---------------------------------------------------------------------------------------------
// Account, links, profile, tokens, reports

export interface Me {
  id: string;
  email: string;
  username: string;
  timezone: string;
  /** ISO 4217: revenue in it is listed first */
  currency: string;
  /** whether new links track conversions */
  conversionTracking: boolean;
  createdAt: string;
}

export interface Link {
  id: string;
  slug: string;
  url: string;
  title: string | null;
  onProfile: boolean;
  expiresAt: string | null;
  fallbackUrl: string | null;
  tags: string[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** e.g. http://localhost:3000/abc1234 */
  shortUrl: string;
  conversionTracking: boolean;
}

/** A link as the list gives it: with its clicks over the 30 days up to the first page */
export interface ListedLink extends Link {
  clicks30d: number;
}

export interface LinkPage {
  items: ListedLink[];
  /** null on the last page */
  nextCursor: string | null;
}

export interface LinkListQuery {
  status?: LinkStatus;
  search?: string;
  tag?: string;
  sort?: LinkSort;
  order?: SortOrder;
  cursor?: string;
  limit?: number;
}

export interface LinkInput {
  url: string;
  slug?: string;
  title?: string | null;
  onProfile?: boolean;
  expiresAt?: string | null;
  fallbackUrl?: string | null;
  tags?: string[];
  /** the redirect adds lp_cid=<click id> to the target, for conversion tracking */
  conversionTracking?: boolean;
}

export type LinkPatch = Partial<LinkInput> & { archived?: boolean };

export interface ProfileLink {
  linkId: string;
  position: number;
  visible: boolean;
  slug: string;
  title: string | null;
  url: string;
}

export interface Profile {
  username: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: ProfileTheme;
  links: ProfileLink[];
  publicUrl: string;
}

export interface ProfileInput {
  title: string;
  bio: string;
  avatarUrl: string | null;
  theme: ProfileTheme;
  links: { linkId: string; position: number; visible: boolean }[];
}

/** A key for /lp.js on the creator's own site: it can record conversions from its origins, nothing else. */
export interface PublishableKey {
  id: string;
  name: string;
  prefix: string;
  allowedOrigins: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedPublishableKey extends PublishableKey {
  /** shown once */
  key: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** shown once */
  token: string;
  createdAt: string;
}

export type ReportStatus = 'queued' | 'running' | 'ready' | 'failed';

export interface Report {
  id: string;
  status: ReportStatus;
  from: string;
  to: string;
  tz: string;
  linkId: string | null;
  scheduleId: string | null;
  createdAt: string;
  readyAt: string | null;
}

export interface ReportSchedule {
  id: string;
  frequency: 'weekly' | 'monthly';
  /** 1 = Monday … 7 = Sunday; null for monthly */
  dayOfWeek: number | null;
  hour: number;
  tz: string;
  createdAt: string;
}

export interface ReportScheduleInput {
  frequency: 'weekly' | 'monthly';
  dayOfWeek?: number;
  hour: number;
  tz: string;
}

/** What became of one row of an imported file. */
export interface ImportRow {
  line: number;
  slug: string | null;
  url: string;
  outcome: 'imported' | 'skipped';
  reason: string | null;
  message: string | null;
  linkId: string | null;
}

/** An upload of another shortener's export (POST /imports); `rows` once it is done. */
export interface ImportJob {
  id: string;
  filename: string | null;
  format: 'bitly' | 'shlink' | 'kutt' | 'yourls' | 'plain';
  status: 'queued' | 'running' | 'done' | 'failed';
  totalRows: number;
  rowsDone: number;
  imported: number;
  skipped: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  rows?: ImportRow[];
}

/** A read-only link to analytics (POST /shares). */
export interface Share {
  id: string;
  url: string;
  linkId: string | null;
  hasPassword: boolean;
  expiresAt: string | null;
  createdAt: string;
}

/** What a shared dashboard shows before its numbers. */
export interface SharedDashboard {
  scope: 'creator' | 'link';
  username: string;
  timezone: string;
  link: { id: string; slug: string; title: string | null; shortUrl: string } | null;
  expiresAt: string | null;
  locked: boolean;
}

export interface Items<T> {
  items: T[];
}

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}
