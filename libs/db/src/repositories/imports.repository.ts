import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ImportReportRow, LinkImport } from '../entities/link-import.entity.js';

export type NewImport = Pick<LinkImport, 'id' | 'creatorId' | 'filename' | 'format' | 'totalRows' | 'csv'>;
export type ReportedRow = Omit<ImportReportRow, 'importId'>;

/** How many of a creator's imports the list shows, newest first. */
const LISTED_IMPORTS = 20;

/** The imports and import_rows tables. Reads the API makes are scoped by creator. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(values: NewImport): Promise<LinkImport> {
    await this.db.getRepository(LinkImport).insert({ ...values, status: 'queued', rowsDone: 0, imported: 0, skipped: 0 });
    return this.db.getRepository(LinkImport).findOneByOrFail({ id: values.id });
  }

  findOwned(creatorId: string, id: string): Promise<LinkImport | null> {
    return this.db.getRepository(LinkImport).findOneBy({ id, creatorId });
  }

  listOwned(creatorId: string): Promise<LinkImport[]> {
    return this.db.getRepository(LinkImport).find({ where: { creatorId }, order: { createdAt: 'DESC' }, take: LISTED_IMPORTS });
  }

  /** The report, in file order. */
  rows(importId: string): Promise<ReportedRow[]> {
    return this.db.getRepository(ImportReportRow).find({ where: { importId }, order: { line: 'ASC' } });
  }

  /** The import with its file, for the worker; null once deleted (its creator left). */
  forRun(id: string): Promise<(LinkImport & { csv: string | null }) | null> {
    return this.db.getRepository(LinkImport).createQueryBuilder('i').addSelect('i.csv').where('i.id = :id', { id }).getOne();
  }

  async markRunning(id: string): Promise<void> {
    await this.db.query(`UPDATE imports SET status = 'running' WHERE id = $1 AND status = 'queued'`, [id]);
  }

  /**
   * A chunk's report and the import's progress, in the chunk's transaction. Rows already reported
   * (the chunk ran before and its transaction committed) are not counted twice.
   */
  async recordChunk(tx: EntityManager, importId: string, rows: ReportedRow[], rowsDone: number): Promise<void> {
    const inserted = await tx.query<{ outcome: string }[]>(
      `INSERT INTO import_rows (import_id, line, slug, url, outcome, reason, message, link_id)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[])
       ON CONFLICT (import_id, line) DO NOTHING
       RETURNING outcome`,
      [
        importId,
        rows.map((row) => row.line),
        rows.map((row) => row.slug),
        rows.map((row) => row.url),
        rows.map((row) => row.outcome),
        rows.map((row) => row.reason),
        rows.map((row) => row.message),
        rows.map((row) => row.linkId),
      ],
    );
    const imported = inserted.filter((row) => row.outcome === 'imported').length;
    await tx.query(
      `UPDATE imports SET rows_done = GREATEST(rows_done, $2), imported = imported + $3, skipped = skipped + $4 WHERE id = $1`,
      [importId, rowsDone, imported, inserted.length - imported],
    );
  }

  /** Done: the file is dropped, the report stays. */
  async finish(id: string): Promise<void> {
    await this.db.query(`UPDATE imports SET status = 'done', csv = NULL, finished_at = now() WHERE id = $1`, [id]);
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE imports SET status = 'failed', error = $2, csv = NULL, finished_at = now() WHERE id = $1`, [
      id,
      error,
    ]);
  }
}
