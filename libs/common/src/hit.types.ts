/** How a hit reached its link: straight to the short link, through a QR code, or from the creator's page. */
export type Via = 'direct' | 'qr' | 'profile';

export type HitKind = 'click' | 'view';

/**
 * A hit as the API captures it on the redirect path, before any enrichment.
 * It travels through Redis (or the spool file); the IP address never reaches PostgreSQL.
 */
export interface CapturedHit {
  /** UUID v7, made at capture time; the idempotency key all the way to the database */
  id: string;
  /** epoch milliseconds */
  at: number;
  kind: HitKind;
  creatorId: string;
  /** null for profile views */
  linkId: string | null;
  ip: string;
  userAgent: string;
  referer: string;
  /** the request's raw query string, without the leading '?' */
  query: string;
  via: Via;
  /** User-Agent client hints, when the browser sent them */
  hints: ClientHints;
  /** Accept-Language, when sent (for language rules and analytics; not stored yet) */
  language?: string;
  /** set when this client went over the per-address limit on this link or page: stored as a bot ('rate-limited') */
  flood?: true;
}

export interface ClientHints {
  /** Sec-CH-UA */
  brands?: string;
  /** Sec-CH-UA-Mobile ("?1" / "?0") */
  mobile?: string;
  /** Sec-CH-UA-Platform */
  platform?: string;
  /** Sec-CH-UA-Platform-Version */
  platformVersion?: string;
  /** Sec-CH-UA-Model */
  model?: string;
}

export type DeviceType = 'mobile' | 'tablet' | 'desktop' | 'other';

/** A hit after the worker's enrichment: what is stored in the events table. */
export interface EnrichedHit {
  id: string;
  at: number;
  kind: HitKind;
  creatorId: string;
  linkId: string | null;
  isBot: boolean;
  /** e.g. 'Twitterbot', 'Slackbot', 'curl'; null for people */
  botName: string | null;
  /** hex keyed hash of (daily salt, creator, IP, user agent) */
  visitorId: string;
  /** 'instagram', 'x', 'tiktok', 'google', 'profile', 'qr', 'other', 'direct', … */
  source: string;
  /** the referrer's host, null when none was sent */
  referrerHost: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** ISO 3166-1 alpha-2, or 'unknown' */
  country: string;
  region: string;
  city: string;
  device: DeviceType;
  browser: string;
  os: string;
  via: Via;
}
