import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LinkImport, ReportedRow } from '@app/db';
import { IMPORT_FORMATS, type ImportFormat } from '@app/links';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
const MAX_FILENAME_LENGTH = 200;

export class UploadImportQueryDto {
  @ApiPropertyOptional({ example: 'bitly_links.csv', description: "the uploaded file's name, shown in the list of imports" })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILENAME_LENGTH)
  filename?: string;
}

export class ImportRowDto {
  @ApiProperty({ description: 'the line of the file the row starts on (the header is line 1)', example: 4 }) line: number;
  @ApiProperty({ type: String, nullable: true, description: 'the slug it has (or would have had)' }) slug: string | null;
  @ApiProperty({ description: 'its target, as the file gave it (at most 300 characters) or as stored' }) url: string;
  @ApiProperty({ enum: ['imported', 'skipped'] }) outcome: 'imported' | 'skipped';
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'duplicate_slug',
    description:
      'why it was skipped: missing_url, unsafe_url, bad_url, bad_slug, reserved_slug, duplicate_in_file, duplicate_slug, quarantined_slug, already_imported, password_protected, banned, expired',
  })
  reason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the reason in a sentence' }) message: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'the link it became' }) linkId: string | null;

  static from(row: ReportedRow): ImportRowDto {
    return Object.assign(new ImportRowDto(), row);
  }
}

export class ImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) filename: string | null;
  @ApiProperty({ enum: IMPORT_FORMATS, description: 'told from the header' }) format: ImportFormat;
  @ApiProperty({ enum: IMPORT_STATUSES, description: 'queued → running → done, or failed' })
  status: (typeof IMPORT_STATUSES)[number];
  @ApiProperty({ description: 'data rows in the file' }) totalRows: number;
  @ApiProperty({ description: 'rows decided so far (progress: rowsDone / totalRows)' }) rowsDone: number;
  @ApiProperty() imported: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
  @ApiPropertyOptional({
    type: [ImportRowDto],
    description: 'the per-row report, in file order: in GET /imports/{id} once the import is done or failed',
  })
  rows?: ImportRowDto[];

  static from(entry: LinkImport, rows?: ReportedRow[]): ImportDto {
    return Object.assign(new ImportDto(), {
      id: entry.id,
      filename: entry.filename,
      format: entry.format as ImportFormat,
      status: entry.status,
      totalRows: entry.totalRows,
      rowsDone: entry.rowsDone,
      imported: entry.imported,
      skipped: entry.skipped,
      error: entry.error,
      createdAt: entry.createdAt.toISOString(),
      finishedAt: entry.finishedAt?.toISOString() ?? null,
      ...(rows ? { rows: rows.map((row) => ImportRowDto.from(row)) } : {}),
    });
  }
}

export class ImportListDto {
  @ApiProperty({ type: [ImportDto], description: 'the 20 newest imports, without their reports' }) items: ImportDto[];
}
