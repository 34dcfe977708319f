import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

/** An uploaded export of links and its progress; the file is dropped once every row is done. */
@Entity('imports')
export class LinkImport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'creator_id' })
  creatorId: string;

  @Column('text', { nullable: true })
  filename: string | null;

  /** bitly, shlink, kutt, yourls or plain: told from the header at upload */
  @Column('text')
  format: string;

  @Column('text')
  status: ImportStatus;

  @Column('integer', { name: 'total_rows' })
  totalRows: number;

  @Column('integer', { name: 'rows_done' })
  rowsDone: number;

  @Column('integer')
  imported: number;

  @Column('integer')
  skipped: number;

  @Column('text', { nullable: true, select: false })
  csv: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}

/** What became of one data row of an import. */
@Entity('import_rows')
export class ImportReportRow {
  @PrimaryColumn('uuid', { name: 'import_id' })
  importId: string;

  /** the file line the row starts on (the header is line 1) */
  @PrimaryColumn('integer')
  line: number;

  @Column('text', { nullable: true })
  slug: string | null;

  @Column('text')
  url: string;

  @Column('text')
  outcome: 'imported' | 'skipped';

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { nullable: true })
  message: string | null;

  @Column('uuid', { name: 'link_id', nullable: true })
  linkId: string | null;
}
