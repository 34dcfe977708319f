import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export const REPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const EMAIL_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;
/** null: the report is not emailed (on demand, or no SMTP_URL) */
export type EmailStatus = (typeof EMAIL_STATUSES)[number] | null;

/** A row of `reports`, without its PDF. */
export interface ReportRow {
  id: string;
  creatorId: string;
  scheduleId: string | null;
  periodKey: string | null;
  linkId: string | null;
  from: Date;
  to: Date;
  tz: string;
  status: ReportStatus;
  error: string | null;
  createdAt: Date;
  readyAt: Date | null;
  emailStatus: EmailStatus;
  emailedAt: Date | null;
  emailError: string | null;
}

export type NewReport = Pick<ReportRow, 'id' | 'creatorId' | 'linkId' | 'from' | 'to' | 'tz'> & {
  scheduleId?: string;
  periodKey?: string;
};

/** Who a report is for and about: what the PDF header and the email need. */
export interface ReportSubjectRow {
  username: string;
  email: string;
  /** the profile's title, when the creator set one */
  displayName: string | null;
  linkSlug: string | null;
  linkTitle: string | null;
}

export const REPORT_COLUMNS = `r.id, r.creator_id AS "creatorId", r.schedule_id AS "scheduleId", r.period_key AS "periodKey",
  r.link_id AS "linkId", r.range_from AS "from", r.range_to AS "to", r.tz, r.status, r.error, r.created_at AS "createdAt",
  r.ready_at AS "readyAt", r.email_status AS "emailStatus", r.emailed_at AS "emailedAt", r.email_error AS "emailError"`;

/** The longest error text kept on a report (an SMTP server's answer can be long). */
const ERROR_MAX = 1000;
const clip = (text: string): string => (text.length > ERROR_MAX ? `${text.slice(0, ERROR_MAX - 1)}…` : text);

type Rows<T> = [T[], number];

/**
 * The `reports` table, for the API and the worker; every query but the fleet-wide ones (sweep,
 * retention) is scoped by creator.
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(report: NewReport, tx: EntityManager = this.db.manager): Promise<ReportRow | null> {
    const rows = (await tx.query(
      `INSERT INTO reports AS r (creator_id, id, schedule_id, period_key, link_id, range_from, range_to, tz)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (creator_id, schedule_id, period_key) DO NOTHING
       RETURNING ${REPORT_COLUMNS}`,
      [
        report.creatorId,
        report.id,
        report.scheduleId ?? null,
        report.periodKey ?? null,
        report.linkId,
        report.from,
        report.to,
        report.tz,
      ],
    )) as ReportRow[];
    return rows[0] ?? null;
  }

  async countInProgress(creatorId: string, tx: EntityManager = this.db.manager): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM reports WHERE creator_id = $1 AND status IN ('queued', 'running')`,
      [creatorId],
    )) as { n: number }[];
    return row.n;
  }

  /** The creator's reports, newest first. */
  list(creatorId: string, limit: number): Promise<ReportRow[]> {
    return this.db.query(
      `SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.creator_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      [creatorId, limit],
    );
  }

  async find(creatorId: string, id: string): Promise<ReportRow | null> {
    const rows = (await this.db.query(`SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.creator_id = $1 AND r.id = $2`, [
      creatorId,
      id,
    ])) as ReportRow[];
    return rows[0] ?? null;
  }

  /** A report with its PDF (null until ready) and its creator's username. */
  async findWithPdf(creatorId: string, id: string): Promise<{ report: ReportRow; pdf: Buffer | null; username: string } | null> {
    const rows = (await this.db.query(
      `SELECT ${REPORT_COLUMNS}, r.pdf, c.username FROM reports r JOIN creators c ON c.id = r.creator_id WHERE r.creator_id = $1 AND r.id = $2`,
      [creatorId, id],
    )) as (ReportRow & { pdf: Buffer | null; username: string })[];
    if (!rows[0]) return null;
    const { pdf, username, ...report } = rows[0];
    return { report, pdf, username };
  }

  async delete(creatorId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.db.query('DELETE FROM reports WHERE creator_id = $1 AND id = $2', [
      creatorId,
      id,
    ])) as Rows<never>;
    return affected > 0;
  }

  async subject(creatorId: string, id: string): Promise<ReportSubjectRow | null> {
    const rows = (await this.db.query(
      `SELECT c.username, c.email, NULLIF(btrim(p.title), '') AS "displayName", l.slug AS "linkSlug", l.title AS "linkTitle"
         FROM reports r
         JOIN creators c ON c.id = r.creator_id
         LEFT JOIN profiles p ON p.creator_id = r.creator_id
         LEFT JOIN links l ON l.id = r.link_id
        WHERE r.creator_id = $1 AND r.id = $2`,
      [creatorId, id],
    )) as ReportSubjectRow[];
    return rows[0] ?? null;
  }

  /** Marks a render begun; null when the report is gone or already ready (nothing to do). */
  async start(creatorId: string, id: string): Promise<ReportRow | null> {
    const rows = (await this.db.query(
      `UPDATE reports r SET status = 'running' WHERE r.creator_id = $1 AND r.id = $2 AND r.status <> 'ready' RETURNING ${REPORT_COLUMNS}`,
      [creatorId, id],
    )) as Rows<ReportRow>;
    return rows[0][0] ?? null;
  }

  async markReady(creatorId: string, id: string, pdf: Buffer, emailStatus: EmailStatus): Promise<void> {
    await this.db.query(
      `UPDATE reports SET status = 'ready', pdf = $3, ready_at = now(), error = NULL, email_status = $4 WHERE creator_id = $1 AND id = $2`,
      [creatorId, id, pdf, emailStatus],
    );
  }

  /** A failed render: queued again while attempts remain (with the error kept), failed after the last. */
  async markRenderFailed(creatorId: string, id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(`UPDATE reports SET status = $3, error = $4 WHERE creator_id = $1 AND id = $2 AND status <> 'ready'`, [
      creatorId,
      id,
      final ? 'failed' : 'queued',
      clip(error),
    ]);
  }

  /** What the email needs: the PDF and the address; null when gone, not ready, or already sent. */
  async emailContent(
    creatorId: string,
    id: string,
  ): Promise<{ report: ReportRow; pdf: Buffer; subject: ReportSubjectRow } | null> {
    const rows = (await this.db.query(
      `SELECT ${REPORT_COLUMNS}, r.pdf FROM reports r WHERE r.creator_id = $1 AND r.id = $2 AND r.status = 'ready' AND r.emailed_at IS NULL`,
      [creatorId, id],
    )) as (ReportRow & { pdf: Buffer })[];
    const subject = rows[0] ? await this.subject(creatorId, id) : null;
    if (!rows[0] || !subject) return null;
    const { pdf, ...report } = rows[0];
    return { report, pdf, subject };
  }

  async markEmailed(creatorId: string, id: string): Promise<void> {
    await this.db.query(
      `UPDATE reports SET email_status = 'sent', emailed_at = now(), email_error = NULL WHERE creator_id = $1 AND id = $2`,
      [creatorId, id],
    );
  }

  async markEmailFailed(creatorId: string, id: string, error: string, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE reports SET email_status = $3, email_error = $4 WHERE creator_id = $1 AND id = $2 AND emailed_at IS NULL`,
      [creatorId, id, final ? 'failed' : 'retrying', clip(error)],
    );
  }

  /** Reports still queued since before `cutoff`: their job may have been lost (Redis away at enqueue time). */
  queuedBefore(cutoff: Date, limit: number): Promise<ReportRow[]> {
    return this.db.query(
      `SELECT ${REPORT_COLUMNS} FROM reports r WHERE r.status = 'queued' AND r.created_at < $1 ORDER BY r.created_at LIMIT $2`,
      [cutoff, limit],
    );
  }

  /** Deletes reports made more than `months` months ago, in batches; returns how many. */
  async deleteOlderThan(months: number, batch = 500): Promise<number> {
    let deleted = 0;
    for (;;) {
      const [, affected] = (await this.db.query(
        `DELETE FROM reports WHERE (creator_id, id) IN (
           SELECT creator_id, id FROM reports WHERE created_at < now() - make_interval(months => $1) LIMIT $2)`,
        [months, batch],
      )) as Rows<never>;
      deleted += affected;
      if (affected < batch) return deleted;
    }
  }
}
