import type { JobsOptions } from 'bullmq';
import type { CapturedHit, HitKind, Via } from './hit.types.js';

/**
 * A batch of captured hits as it travels through Redis and the spool: every string once in
 * `strings`, each hit a row of indexes into it (-1 for none) plus its time. The hits of a batch
 * share most of their strings (creator, link, user agents, referrers), so this is a fraction of
 * the plain JSON — and Redis, on the same cores as the API, parses every byte of it.
 */
export interface CaptureJobData {
  batchId: string;
  strings: string[];
  /**
   * [id, at, kind, creatorId, linkId, ip, userAgent, referer, query, via, brands, mobile, platform,
   * platformVersion, model, flood, language]; rows written before `language` existed end at `flood`
   */
  hits: number[][];
}

/** Longest header values and query kept (longer ones are cut). */
const MAX_USER_AGENT = 1024;
const MAX_REFERER = 2048;
const MAX_QUERY = 4096;

/**
 * A capture batch being filled: each hit is one row of string indexes, written as it is captured.
 * No object per hit and no second pass: when the batch is sent, it is already in its wire format.
 */
export class CaptureBatchBuilder {
  readonly strings: string[] = [];
  readonly hits: number[][] = [];
  private readonly indexes = new Map<string, number>();

  get size(): number {
    return this.hits.length;
  }

  add(flood: boolean, ...[id, at, kind, creatorId, linkId, via, ip, query, headers]: CapturedHitArgs): void {
    this.hits.push([
      // an id is unique: it is not looked up among the batch's strings
      this.strings.push(id) - 1,
      at,
      this.ref(kind),
      this.ref(creatorId),
      this.ref(linkId),
      this.ref(ip),
      this.ref((headers['user-agent'] ?? '').slice(0, MAX_USER_AGENT)),
      this.ref((headers.referer ?? '').slice(0, MAX_REFERER)),
      this.ref(query.slice(0, MAX_QUERY)),
      this.ref(via),
      this.ref(single(headers['sec-ch-ua'])),
      this.ref(single(headers['sec-ch-ua-mobile'])),
      this.ref(single(headers['sec-ch-ua-platform'])),
      this.ref(single(headers['sec-ch-ua-platform-version'])),
      this.ref(single(headers['sec-ch-ua-model'])),
      flood ? 1 : 0,
      this.ref(headers['accept-language']),
    ]);
  }

  toJobData(batchId: string): CaptureJobData {
    return { batchId, strings: this.strings, hits: this.hits };
  }

  private ref(value: string | null | undefined): number {
    if (value === null || value === undefined) return -1;
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.strings.push(value) - 1;
      this.indexes.set(value, index);
    }
    return index;
  }
}

/**
 * A captured hit as arguments: flat values and the request's own header object, so that capturing
 * a click allocates nothing but its row.
 */
export type CapturedHitArgs = [
  id: string,
  at: number,
  kind: HitKind,
  creatorId: string,
  linkId: string | null,
  via: Via,
  ip: string,
  /** the raw query, without '?' */
  query: string,
  headers: CapturedHeaders,
];

/** The request headers a hit keeps: node:http's `request.headers` fits as it is. */
export interface CapturedHeaders {
  'user-agent'?: string;
  referer?: string;
  'accept-language'?: string;
  'sec-ch-ua'?: string | string[];
  'sec-ch-ua-mobile'?: string | string[];
  'sec-ch-ua-platform'?: string | string[];
  'sec-ch-ua-platform-version'?: string | string[];
  'sec-ch-ua-model'?: string | string[];
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function headersOf(hit: CapturedHit): CapturedHeaders {
  return {
    'user-agent': hit.userAgent,
    referer: hit.referer,
    'accept-language': hit.language,
    'sec-ch-ua': hit.hints.brands,
    'sec-ch-ua-mobile': hit.hints.mobile,
    'sec-ch-ua-platform': hit.hints.platform,
    'sec-ch-ua-platform-version': hit.hints.platformVersion,
    'sec-ch-ua-model': hit.hints.model,
  };
}

export function encodeCaptureBatch(batchId: string, hits: CapturedHit[]): CaptureJobData {
  const batch = new CaptureBatchBuilder();
  for (const hit of hits) {
    batch.add(
      hit.flood === true,
      hit.id,
      hit.at,
      hit.kind,
      hit.creatorId,
      hit.linkId,
      hit.via,
      hit.ip,
      hit.query,
      headersOf(hit),
    );
  }
  return batch.toJobData(batchId);
}

export function decodeCaptureBatch(batch: CaptureJobData): CapturedHit[] {
  const { strings } = batch;
  const optional = (index: number | undefined): string | undefined =>
    index === -1 || index === undefined ? undefined : strings[index];
  return batch.hits.map(
    ([
      id,
      at,
      kind,
      creatorId,
      linkId,
      ip,
      userAgent,
      referer,
      query,
      via,
      brands,
      mobile,
      platform,
      platformVersion,
      model,
      flood,
      language,
    ]) => {
      const hints = {
        brands: optional(brands),
        mobile: optional(mobile),
        platform: optional(platform),
        platformVersion: optional(platformVersion),
        model: optional(model),
      };
      const hit: CapturedHit = {
        id: strings[id],
        at,
        kind: strings[kind] as HitKind,
        creatorId: strings[creatorId],
        linkId: linkId === -1 ? null : strings[linkId],
        ip: strings[ip],
        userAgent: strings[userAgent],
        referer: strings[referer],
        query: strings[query],
        via: strings[via] as Via,
        hints: Object.fromEntries(Object.entries(hints).filter(([, value]) => value !== undefined)),
      };
      const acceptLanguage = optional(language);
      if (acceptLanguage !== undefined) hit.language = acceptLanguage;
      if (flood) hit.flood = true;
      return hit;
    },
  );
}

/**
 * A capture job must never be dropped: it is retried until it succeeds (the worker's storage
 * is idempotent), with a capped backoff so a PostgreSQL outage is caught up within seconds.
 */
export function captureJobOptions(batchId: string): JobsOptions {
  return {
    jobId: batchId,
    attempts: Number.MAX_SAFE_INTEGER,
    backoff: { type: 'capped' },
    removeOnComplete: true,
    removeOnFail: false,
  };
}

/** The 'capped' backoff of capture jobs: exponential from 250 ms, never more than 5 s. */
export function cappedBackoff(attemptsMade: number): number {
  return Math.min(250 * 2 ** Math.min(attemptsMade, 10), 5000);
}
