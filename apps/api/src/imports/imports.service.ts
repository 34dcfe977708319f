import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { JobQueues, RunImportJob } from '@app/common';
import { ImportsRepository, type LinkImport, type ReportedRow } from '@app/db';
import { parseImport } from '@app/links';
import type { JobsOptions } from 'bullmq';

const IMPORT_JOB_OPTIONS: Omit<JobsOptions, 'jobId'> = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
};

/**
 * Uploads of exports from other link shorteners (docs/imports.md). The file is read at once, so
 * one that cannot be imported is a 400 naming why and nothing is stored; the rows are imported by
 * the worker (RunImportJob), which reports on each.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger('Imports');

  constructor(
    private readonly imports: ImportsRepository,
    private readonly jobs: JobQueues,
  ) {}

  async upload(creatorId: string, csv: string, filename: string | null): Promise<LinkImport> {
    const { format, rows } = parseImport(csv);
    const unfinished = (await this.imports.listOwned(creatorId)).find(
      (entry) => entry.status === 'queued' || entry.status === 'running',
    );
    if (unfinished) throw new ConflictException('An import of yours is still running; upload the next file once it is done');
    const entry = await this.imports.create({ id: randomUUID(), creatorId, filename, format, totalRows: rows.length, csv });
    try {
      await this.jobs.add(RunImportJob, { importId: entry.id }, { ...IMPORT_JOB_OPTIONS, jobId: entry.id });
    } catch (error) {
      this.logger.warn(`import ${entry.id} could not be queued: ${(error as Error).message}`);
      await this.imports.fail(entry.id, 'The import could not be queued');
      throw new ServiceUnavailableException('The import could not be queued; please try again in a minute');
    }
    return entry;
  }

  /** The import, with its report once it has finished. */
  async get(creatorId: string, id: string): Promise<{ entry: LinkImport; rows?: ReportedRow[] }> {
    const entry = await this.imports.findOwned(creatorId, id);
    if (!entry) throw new NotFoundException('Import not found');
    const finished = entry.status === 'done' || entry.status === 'failed';
    return { entry, ...(finished ? { rows: await this.imports.rows(id) } : {}) };
  }

  list(creatorId: string): Promise<LinkImport[]> {
    return this.imports.listOwned(creatorId);
  }
}
