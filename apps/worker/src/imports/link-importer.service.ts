import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, CHANNEL_LINK_CHANGED, type ImportJobData, RedisService, RunImportJob } from '@app/common';
import {
  CreatorsRepository,
  ImportsRepository,
  type LinkImport,
  LinksRepository,
  NameQuarantineRepository,
  type ReportedRow,
  Transactions,
} from '@app/db';
import {
  generateSlug,
  hostOf,
  ImportFileError,
  type ImportCandidate,
  isSkip,
  parseImport,
  planRows,
  type PlannedRow,
  SelfLoopCheck,
  settleChunk,
} from '@app/links';
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { OnJob } from '../jobs/on-job.decorator.js';

/** Rows per transaction: the progress a creator sees moves a chunk at a time. */
export const IMPORT_CHUNK_ROWS = 250;
/** As for links created one by one: a collision of 7 random base62 characters is rare. */
const GENERATED_SLUG_ATTEMPTS = 5;

/** A generated slug no other row of this round has (generated slugs are lower case). */
function drawSlug(used: Set<string>): string {
  let slug = generateSlug();
  while (used.has(slug)) slug = generateSlug();
  used.add(slug);
  return slug;
}

/**
 * Runs an uploaded import (docs/imports.md): the rows are checked, then imported a chunk per
 * transaction — the chunk's links, its report rows and the progress commit together, so a worker
 * killed mid-import resumes after the last committed chunk and no row is imported or reported twice.
 */
@Injectable()
export class LinkImporter {
  private readonly logger = new Logger('LinkImporter');
  private readonly ownHost: string;

  constructor(
    private readonly imports: ImportsRepository,
    private readonly links: LinksRepository,
    private readonly creators: CreatorsRepository,
    private readonly transactions: Transactions,
    private readonly redis: RedisService,
    private readonly selfLoops: SelfLoopCheck,
    private readonly quarantine: NameQuarantineRepository,
    config: AppConfig,
  ) {
    this.ownHost = hostOf(config.publicUrl);
  }

  @OnJob(RunImportJob)
  async run(job: Job<ImportJobData>): Promise<void> {
    const entry = await this.imports.forRun(job.data.importId);
    // gone with its creator, or finished by an earlier run of this job
    if (!entry || entry.csv === null || entry.status === 'done' || entry.status === 'failed') return;
    await this.imports.markRunning(entry.id);
    try {
      // expiries are judged as at the upload, so a resumed import decides each row as the first run did
      const planned = planRows(parseImport(entry.csv, entry.createdAt.getTime()).rows, this.ownHost);
      const hostProblems = new Map<string, Promise<string | null>>();
      for (let start = entry.rowsDone; start < planned.length; start += IMPORT_CHUNK_ROWS) {
        const chunk = await this.withoutSelfLoops(planned.slice(start, start + IMPORT_CHUNK_ROWS), hostProblems);
        const created = await this.importChunk(entry, chunk, start + chunk.length);
        await this.announce(created);
      }
      await this.imports.finish(entry.id);
    } catch (error) {
      const message = (error as Error).message;
      const final = error instanceof ImportFileError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await this.imports.fail(entry.id, message);
      this.logger.warn(`import ${entry.id} ${final ? 'failed' : 'will be retried'}: ${message}`);
      throw error instanceof ImportFileError ? new UnrecoverableError(message) : error;
    }
  }

  /**
   * Rows whose target leads back to this instance or this machine (as POST /links refuses them),
   * skipped as bad URLs. Each host is resolved once per import, outside any transaction.
   */
  private withoutSelfLoops(chunk: PlannedRow[], hostProblems: Map<string, Promise<string | null>>): Promise<PlannedRow[]> {
    return Promise.all(
      chunk.map(async (row) => {
        if (isSkip(row)) return row;
        const host = new URL(row.url).hostname;
        let problem = hostProblems.get(host);
        if (!problem) hostProblems.set(host, (problem = this.selfLoops.problem('url', row.url)));
        const message = await problem;
        return message ? { line: row.line, slug: row.slug, url: row.url, reason: 'bad_url' as const, message } : row;
      }),
    );
  }

  /** The chunk's links, report and progress in one transaction; the slugs it created. */
  private importChunk(entry: LinkImport, chunk: PlannedRow[], rowsDone: number): Promise<string[]> {
    return this.transactions.run(async (tx) => {
      const candidates = chunk.filter((row): row is ImportCandidate => !isSkip(row));
      const slugs = candidates.flatMap((row) => (row.slug === null ? [] : [row.slug]));
      const unslugged = candidates.flatMap((row) => (row.slug === null ? [row.url] : []));
      // holders first, under the slugs' locks, then the quarantine: a deletion committing meanwhile is seen in one or the other
      const holders = slugs.length > 0 ? await this.links.slugHolders(tx, slugs) : [];
      const settled = settleChunk(
        chunk,
        entry.creatorId,
        holders,
        unslugged.length > 0 ? await this.links.urlsLinked(tx, entry.creatorId, unslugged) : new Set(),
        await this.quarantine.reservedAmong(tx, 'slug', slugs, entry.creatorId),
      );
      const conversionTracking = await this.creators.tracksConversionsByDefault(entry.creatorId, tx);
      const inserted = await this.insert(
        tx,
        entry.creatorId,
        settled.filter((row): row is ImportCandidate => !isSkip(row)),
        conversionTracking,
      );
      const report: ReportedRow[] = settled.map((row) => {
        if (isSkip(row)) return { ...row, outcome: 'skipped', linkId: null };
        const link = inserted.get(row.line);
        return link
          ? { line: row.line, slug: link.slug, url: row.url, outcome: 'imported', reason: null, message: null, linkId: link.id }
          : {
              line: row.line,
              slug: row.slug,
              url: row.url,
              outcome: 'skipped',
              reason: 'duplicate_slug',
              message: 'this slug is taken',
              linkId: null,
            };
      });
      await this.imports.recordChunk(tx, entry.id, report, rowsDone);
      return [...inserted.values()].map((link) => link.slug);
    });
  }

  /**
   * The candidates' links, a statement per round: a chosen slug taken meanwhile stays out (the row
   * is then a duplicate), a generated one that collided is drawn again. By line, what was inserted.
   */
  private async insert(
    tx: EntityManager,
    creatorId: string,
    candidates: ImportCandidate[],
    conversionTracking: boolean,
  ): Promise<Map<number, { id: string; slug: string }>> {
    const inserted = new Map<number, { id: string; slug: string }>();
    let pending = candidates;
    for (let round = 0; round < GENERATED_SLUG_ATTEMPTS && pending.length > 0; round++) {
      const used = new Set(pending.flatMap((row) => (row.slug === null ? [] : [row.slug.toLowerCase()])));
      const slugs = pending.map((row) => row.slug ?? drawSlug(used));
      // a generated slug is checked (and locked) as a chosen one was: held in any case, or quarantined, it is drawn again
      const generated = slugs.filter((_, i) => pending[i]!.slug === null);
      const held = new Set(
        (generated.length > 0 ? await this.links.slugHolders(tx, generated) : []).map((h) => h.slug.toLowerCase()),
      );
      for (const reserved of await this.quarantine.reservedAmong(tx, 'slug', generated, creatorId)) held.add(reserved);
      const free = pending.flatMap((row, i) => (row.slug === null && held.has(slugs[i]!) ? [] : [{ row, slug: slugs[i]! }]));
      const ids = await this.links.insertEachUnlessSlugTaken(
        tx,
        free.map(({ row, slug }) => ({
          id: randomUUID(),
          creatorId,
          slug,
          url: row.url,
          title: row.title,
          onProfile: false,
          profilePosition: 0,
          expiresAt: row.expiresAt,
          fallbackUrl: null,
          tags: row.tags,
          conversionTracking,
          rules: null,
          startsAt: null,
        })),
      );
      for (const { row, slug } of free) {
        const id = ids.get(slug);
        if (id) inserted.set(row.line, { id, slug });
      }
      pending = pending.filter((row) => row.slug === null && !inserted.has(row.line));
    }
    return inserted;
  }

  /** API processes may hold "no such link" for a new slug for a few seconds: they drop it now. */
  private async announce(slugs: string[]): Promise<void> {
    if (slugs.length === 0) return;
    const pipeline = this.redis.client.pipeline();
    for (const slug of slugs) pipeline.publish(CHANNEL_LINK_CHANGED, slug);
    await pipeline.exec().catch((error: Error) => this.logger.warn(`new slugs not announced: ${error.message}`));
  }
}
