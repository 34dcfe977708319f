import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VISIT_DIMENSION_COLUMNS } from '@app/common';
import { DataSource } from 'typeorm';
import { AnalyticsRepository, type Scope } from './analytics.repository.js';
import { type AnalyticsQuery, AnalyticsService, SHORT_QUERY_SETTINGS } from './analytics.service.js';
import { ConversionAnalyticsRepository } from './conversion-analytics.repository.js';
import { ZoneClock } from './zone-clock.js';

const FETCH_ROWS = 2000;
const VISIT_COLUMN_NAMES = VISIT_DIMENSION_COLUMNS.map(([name]) => name);

/** The CSV columns, in order: every enriched field of an event (no IP address exists to export). */
export const EXPORT_COLUMNS = [
  'id',
  'occurred_at',
  'local_time',
  'kind',
  'link_id',
  'link_slug',
  'is_bot',
  'bot_name',
  ...VISIT_COLUMN_NAMES,
];

/** The columns of the conversions export, in order: what the creator sent, and the click it is attributed to. */
export const CONVERSION_EXPORT_COLUMNS = [
  'id',
  'occurred_at',
  'local_time',
  'kind',
  'event_name',
  'event_id',
  'invoice_id',
  'customer_id',
  'amount',
  'currency',
  'attributed',
  'click_id',
  'click_at',
  'link_id',
  'link_slug',
  ...VISIT_COLUMN_NAMES,
  'metadata',
];

/** What can be exported: the raw events, or the conversions. */
export type ExportKind = 'events' | 'conversions';

/** Fields visitors (or a creator's tracking calls) control (query strings, referrers): a leading = + - @ would make a spreadsheet run a formula. */
const FREE_TEXT = new Set([
  // utm_source, lowercased, when it names no known platform
  'source',
  'bot_name',
  'referrer_host',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'region',
  'city',
  'browser',
  'os',
  'event_name',
  'event_id',
  'invoice_id',
  'customer_id',
  'metadata',
]);

/** Text a spreadsheet would run as a formula (a leading = + - @) gets a leading quote. */
export const spreadsheetSafe = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: unknown, column = ''): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FREE_TEXT.has(column)) text = spreadsheetSafe(text);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (fields: string[]): string => `${fields.join(',')}\r\n`;

/**
 * The raw events (or the conversions) of a range as CSV, streamed from a PostgreSQL cursor in one read-only snapshot:
 * memory stays constant whatever the number of rows, and the connection is released when the
 * stream ends or the client goes away.
 */
@Injectable()
export class EventExport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: AnalyticsRepository,
    private readonly conversions: ConversionAnalyticsRepository,
    private readonly analytics: AnalyticsService,
  ) {}

  /** Validates the query (an invalid range or unknown link is refused before any byte) and returns the file's name and chunks. */
  async open(query: AnalyticsQuery, kind: ExportKind = 'events'): Promise<{ filename: string; chunks: AsyncGenerator<string> }> {
    const { tz, linkId } = await this.analytics.inSnapshot(query, async (ctx) => ctx.range);
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    return {
      filename: `linkpulse-${kind}-${day(query.from)}-to-${day(query.to - 1)}.csv`,
      chunks: this.chunks({ ...query, tz, linkId }, kind),
    };
  }

  private exported(kind: ExportKind, scope: Scope, from: number, to: number) {
    return kind === 'events'
      ? { columns: EXPORT_COLUMNS, ...this.repository.exportSql(scope, from, to) }
      : { columns: CONVERSION_EXPORT_COLUMNS, ...this.conversions.exportSql(scope, from, to) };
  }

  private async *chunks(query: AnalyticsQuery & { tz: string }, kind: ExportKind): AsyncGenerator<string> {
    const clock = ZoneClock.of(query.tz);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await runner.query(SHORT_QUERY_SETTINGS);
      open = true;
      const scope = { creatorId: query.creatorId, linkId: query.linkId ?? null, filters: query.filters ?? {} };
      const { columns, sql, params } = this.exported(kind, scope, query.from, query.to);
      await runner.query(`DECLARE linkpulse_export NO SCROLL CURSOR FOR ${sql}`, params);
      yield csvLine([...columns]);
      for (;;) {
        const rows: Record<string, unknown>[] = await runner.query(`FETCH ${FETCH_ROWS} FROM linkpulse_export`);
        if (rows.length === 0) break;
        let chunk = '';
        for (const row of rows) {
          const at = (row.occurred_at as Date).getTime();
          chunk += csvLine(
            columns.map((column: string) => (column === 'local_time' ? clock.iso(at) : csvField(row[column], column))),
          );
        }
        yield chunk;
      }
      await runner.query('COMMIT');
      open = false;
    } finally {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}
