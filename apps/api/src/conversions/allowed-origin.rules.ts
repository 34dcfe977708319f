export const MAX_ALLOWED_ORIGINS = 20;
const MAX_ORIGIN_LENGTH = 200;

/** Why an origin may not be allowed, said to the caller. */
export class AllowedOriginError extends Error {}

/**
 * An origin a publishable key may be used from, as browsers send it in `Origin`: scheme, host and
 * port, nothing else (`https://shop.example.com`, `http://localhost:8080`).
 */
export function normaliseOrigin(raw: string): string {
  const value = raw.trim().replace(/\/$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AllowedOriginError(`"${raw}" is not an origin such as https://shop.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AllowedOriginError(`"${raw}" must start with https:// or http://`);
  if (value.length > MAX_ORIGIN_LENGTH || url.origin !== value.toLowerCase().replace(/:(443|80)$/, '')) {
    throw new AllowedOriginError(`"${raw}" must be an origin only (scheme, host and port), such as https://shop.example.com`);
  }
  return url.origin;
}

export function normaliseOrigins(raw: string[]): string[] {
  if (raw.length === 0) throw new AllowedOriginError('allowedOrigins must name at least one origin');
  if (raw.length > MAX_ALLOWED_ORIGINS)
    throw new AllowedOriginError(`allowedOrigins may name at most ${MAX_ALLOWED_ORIGINS} origins`);
  return [...new Set(raw.map(normaliseOrigin))];
}
