import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportRepository, type ReportRow } from './report.repository.js';
import type { ScheduleState, SchedulePeriod, ScheduleTiming } from './report-schedule.period.js';

/** A row of `report_schedules`. */
export interface ReportScheduleRow extends ScheduleState {
  linkId: string | null;
}

export type NewReportSchedule = ScheduleTiming & { id: string; creatorId: string; linkId: string | null };

const COLUMNS = `id, creator_id AS "creatorId", frequency, day_of_week AS "dayOfWeek", hour, tz, link_id AS "linkId",
  created_at AS "createdAt", last_period AS "lastPeriod"`;

type Rows<T> = [T[], number];

/** The `report_schedules` table, and the claim of a schedule's period. */
@Injectable()
export class ReportScheduleRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportRepository,
  ) {}

  async insert(schedule: NewReportSchedule, tx: EntityManager = this.db.manager): Promise<ReportScheduleRow> {
    const [row] = (await tx.query(
      `INSERT INTO report_schedules (creator_id, id, frequency, day_of_week, hour, tz, link_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [schedule.creatorId, schedule.id, schedule.frequency, schedule.dayOfWeek, schedule.hour, schedule.tz, schedule.linkId],
    )) as ReportScheduleRow[];
    return row;
  }

  async count(creatorId: string, tx: EntityManager = this.db.manager): Promise<number> {
    const [row] = (await tx.query('SELECT count(*)::int AS n FROM report_schedules WHERE creator_id = $1', [creatorId])) as {
      n: number;
    }[];
    return row.n;
  }

  list(creatorId: string): Promise<ReportScheduleRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM report_schedules WHERE creator_id = $1 ORDER BY created_at, id`, [creatorId]);
  }

  async delete(creatorId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.db.query('DELETE FROM report_schedules WHERE creator_id = $1 AND id = $2', [
      creatorId,
      id,
    ])) as Rows<never>;
    return affected > 0;
  }

  /** Every creator's schedules, a page at a time in key order (for the schedule tick). */
  page(after: { creatorId: string; id: string } | null, limit: number): Promise<ReportScheduleRow[]> {
    return after
      ? this.db.query(
          `SELECT ${COLUMNS} FROM report_schedules WHERE (creator_id, id) > ($1, $2) ORDER BY creator_id, id LIMIT $3`,
          [after.creatorId, after.id, limit],
        )
      : this.db.query(`SELECT ${COLUMNS} FROM report_schedules ORDER BY creator_id, id LIMIT $1`, [limit]);
  }

  /**
   * Claims a schedule's period and makes its report, in one transaction. Moving `last_period`
   * forward succeeds for one claimer only (a second waits for the first's row lock, then finds the
   * key taken), and the report's UNIQUE (creator_id, schedule_id, period_key) holds even if
   * `last_period` was moved back by hand. Returns the new report, or null when the period was
   * already claimed or the schedule is gone.
   */
  claimPeriod(schedule: ReportScheduleRow, period: SchedulePeriod, reportId: string): Promise<ReportRow | null> {
    return this.db.transaction(async (tx) => {
      const [claimed] = (await tx.query(
        `UPDATE report_schedules SET last_period = $3
          WHERE creator_id = $1 AND id = $2 AND (last_period IS NULL OR last_period < $3)
          RETURNING link_id AS "linkId", tz`,
        [schedule.creatorId, schedule.id, period.key],
      )) as Rows<{ linkId: string | null; tz: string }>;
      if (claimed.length === 0) return null;
      return this.reports.insert(
        {
          id: reportId,
          creatorId: schedule.creatorId,
          scheduleId: schedule.id,
          periodKey: period.key,
          linkId: claimed[0].linkId,
          from: new Date(period.from),
          to: new Date(period.to),
          tz: claimed[0].tz,
        },
        tx,
      );
    });
  }
}
