import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PDF reports and their schedules (SPEC section 6, docs/reports.md).
 *
 * - `report_schedules`: weekly (on `day_of_week`, 1 = Monday … 7 = Sunday) or monthly (on the 1st),
 *   at `hour`:00 in `tz`. `last_period` is the key of the latest period a report was made for;
 *   the schedule tick claims a period by moving it forward (only one claimer can).
 * - `reports`: one PDF for `[range_from, range_to)` in `tz`, kept as bytea (so DELETE /me and the
 *   retention job remove it with the row). A scheduled report carries its schedule and period key,
 *   and UNIQUE (creator_id, schedule_id, period_key) makes a period's report exactly one row, whatever
 *   ticks run twice. Deleting a schedule keeps its reports (schedule_id becomes NULL); deleting a
 *   link deletes the reports and schedules of that link; deleting the creator deletes everything.
 *
 * Keys start with creator_id, as everywhere (tables can be distributed by creator).
 */
export class Reports1764500000000 implements MigrationInterface {
  name = 'Reports1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_schedules (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        frequency text NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
        day_of_week smallint CHECK (day_of_week BETWEEN 1 AND 7),
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        tz text NOT NULL,
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_period text,
        PRIMARY KEY (creator_id, id),
        CHECK ((frequency = 'weekly') = (day_of_week IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX report_schedules_link_idx ON report_schedules (link_id) WHERE link_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE reports (
        creator_id uuid NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        schedule_id uuid,
        period_key text,
        link_id uuid REFERENCES links (id) ON DELETE CASCADE,
        range_from timestamptz NOT NULL,
        range_to timestamptz NOT NULL,
        tz text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed')),
        error text,
        pdf bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz,
        email_status text CHECK (email_status IN ('pending', 'retrying', 'sent', 'failed')),
        emailed_at timestamptz,
        email_error text,
        PRIMARY KEY (creator_id, id),
        UNIQUE (creator_id, schedule_id, period_key),
        FOREIGN KEY (creator_id, schedule_id) REFERENCES report_schedules (creator_id, id) ON DELETE SET NULL (schedule_id),
        CHECK (range_from < range_to),
        CHECK (schedule_id IS NULL OR period_key IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX reports_creator_created_idx ON reports (creator_id, created_at DESC)`);
    await db.query(`CREATE INDEX reports_link_idx ON reports (link_id) WHERE link_id IS NOT NULL`);
    // the retention job and the sweep of reports whose job was lost
    await db.query(`CREATE INDEX reports_created_idx ON reports (created_at)`);
    await db.query(`CREATE INDEX reports_queued_idx ON reports (created_at) WHERE status = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS reports');
    await db.query('DROP TABLE IF EXISTS report_schedules');
  }
}
