import { SOURCE_ALIASES } from '@app/common';

export interface UtmParams {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

// Longer values are cut: a query string is whatever a sender typed, and these are stored on every hit.
const MAX_LENGTH = 255;

/** The five UTM parameters as sent (trimmed), or null where absent or empty. */
export function parseUtm(query: string): UtmParams {
  const params = new URLSearchParams(query);
  return {
    source: utmValue(params, 'utm_source'),
    medium: utmValue(params, 'utm_medium'),
    campaign: utmValue(params, 'utm_campaign'),
    term: utmValue(params, 'utm_term'),
    content: utmValue(params, 'utm_content'),
  };
}

/** `utm_source` as a source: lowercased, aliases resolved, anything else kept as written. */
export function sourceFromUtm(utmSource: string): string {
  const value = utmSource.toLowerCase();
  return SOURCE_ALIASES[value] ?? value;
}

// control characters are dropped: PostgreSQL text cannot hold U+0000, and one such click must not block its batch
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function utmValue(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.replace(CONTROL_CHARACTERS, '').trim();
  return value ? value.slice(0, MAX_LENGTH) : null;
}
