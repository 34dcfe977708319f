import type { JobsOptions } from 'bullmq';
import type { CapturedHit, HitKind, Via } from './hit.types.js';

export const CAPTURE_JOB = 'capture-batch';

/**
 * A batch of captured hits as it travels through Redis and the spool: every string once in
 * `strings`, each hit a row of indexes into it (-1 for none) plus its time. The hits of a batch
 * share most of their strings (creator, link, user agents, referrers), so this is a fraction of
 * the plain JSON — and Redis, on the same cores as the API, parses every byte of it.
 */
export interface CaptureJobData {
  batchId: string;
  strings: string[];
  /** [id, at, kind, creatorId, linkId, ip, userAgent, referer, query, via, brands, mobile, platform, platformVersion, model, flood] */
  hits: number[][];
}

export function encodeCaptureBatch(batchId: string, hits: CapturedHit[]): CaptureJobData {
  const strings: string[] = [];
  const indexes = new Map<string, number>();
  const ref = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return -1;
    let index = indexes.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      indexes.set(value, index);
    }
    return index;
  };
  const rows = hits.map((hit) => [
    ref(hit.id),
    hit.at,
    ref(hit.kind),
    ref(hit.creatorId),
    ref(hit.linkId),
    ref(hit.ip),
    ref(hit.userAgent),
    ref(hit.referer),
    ref(hit.query),
    ref(hit.via),
    ref(hit.hints.brands),
    ref(hit.hints.mobile),
    ref(hit.hints.platform),
    ref(hit.hints.platformVersion),
    ref(hit.hints.model),
    hit.flood ? 1 : 0,
  ]);
  return { batchId, strings, hits: rows };
}

export function decodeCaptureBatch(batch: CaptureJobData): CapturedHit[] {
  const { strings } = batch;
  const optional = (index: number): string | undefined => (index === -1 ? undefined : strings[index]);
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
