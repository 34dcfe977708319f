import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Alert, type AlertSettings, DEFAULT_ALERT_SETTINGS, type NewAlert } from './alert.types.js';

const COLUMNS = `a.id, a.creator_id AS "creatorId", a.link_id AS "linkId", l.slug AS "linkLabel", a.kind,
  a.first_hour AS "firstHour", a.last_hour AS "lastHour", a.peak_hour AS "peakHour", a.peak, a.drivers,
  a.read_at AS "readAt", a.created_at AS "createdAt"`;
const FROM = 'alerts a LEFT JOIN links l ON l.id = a.link_id';

type Rows<T> = [T[], number];

/** The `alerts`, `alert_settings` and `alert_clock` tables. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async settings(creatorId: string): Promise<AlertSettings> {
    const [row] = (await this.db.query(
      `SELECT enabled, threshold, min_volume AS "minVolume", kinds FROM alert_settings WHERE creator_id = $1`,
      [creatorId],
    )) as AlertSettings[];
    return row ?? DEFAULT_ALERT_SETTINGS;
  }

  async saveSettings(creatorId: string, settings: AlertSettings): Promise<AlertSettings> {
    const [row] = (await this.db.query(
      `INSERT INTO alert_settings (creator_id, enabled, threshold, min_volume, kinds) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (creator_id) DO UPDATE SET enabled = EXCLUDED.enabled, threshold = EXCLUDED.threshold,
         min_volume = EXCLUDED.min_volume, kinds = EXCLUDED.kinds, updated_at = now()
       RETURNING enabled, threshold, min_volume AS "minVolume", kinds`,
      [creatorId, settings.enabled, settings.threshold, settings.minVolume, settings.kinds],
    )) as AlertSettings[];
    return row;
  }

  /** The creator's alerts, newest anomaly first; `before` (an alert id) pages on. */
  list(
    creatorId: string,
    options: { limit: number; before?: { lastHour: Date; id: string }; unread?: boolean; from?: Date; to?: Date },
  ): Promise<Alert[]> {
    const params: unknown[] = [creatorId, options.limit];
    const where = ['a.creator_id = $1'];
    if (options.before) {
      params.push(options.before.lastHour, options.before.id);
      where.push(`(a.last_hour, a.id) < ($${params.length - 1}, $${params.length})`);
    }
    if (options.unread) where.push('a.read_at IS NULL');
    if (options.from) {
      params.push(options.from);
      where.push(`a.last_hour >= $${params.length}`);
    }
    if (options.to) {
      params.push(options.to);
      where.push(`a.first_hour < $${params.length}`);
    }
    return this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY a.last_hour DESC, a.id DESC LIMIT $2`,
      params,
    );
  }

  async find(creatorId: string, id: string): Promise<Alert | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.creator_id = $1 AND a.id = $2`, [
      creatorId,
      id,
    ])) as Alert[];
    return row ?? null;
  }

  async unreadCount(creatorId: string): Promise<number> {
    const [row] = (await this.db.query('SELECT count(*)::int AS n FROM alerts WHERE creator_id = $1 AND read_at IS NULL', [
      creatorId,
    ])) as {
      n: number;
    }[];
    return row.n;
  }

  /** Marks one alert read or unread; false when it is not the creator's. */
  async setRead(creatorId: string, id: string, read: boolean): Promise<boolean> {
    const [, affected] = (await this.db.query(
      `UPDATE alerts SET read_at = CASE WHEN $3 THEN coalesce(read_at, now()) END WHERE creator_id = $1 AND id = $2`,
      [creatorId, id, read],
    )) as Rows<never>;
    return affected > 0;
  }

  async markAllRead(creatorId: string): Promise<number> {
    const [, affected] = (await this.db.query('UPDATE alerts SET read_at = now() WHERE creator_id = $1 AND read_at IS NULL', [
      creatorId,
    ])) as Rows<never>;
    return affected;
  }

  /**
   * Records an anomalous hour in one transaction, under a lock on its (creator, scope, kind): it
   * joins the alert `joins` picks among those near it, or makes a new one. Returns the new alert,
   * or null when the hour joined an existing one.
   */
  record(
    alert: NewAlert,
    joins: (near: Pick<Alert, 'id' | 'firstHour' | 'lastHour' | 'peak'>[]) => { id: string; strongerPeak: boolean } | null,
    nearFrom: Date,
    nearTo: Date,
  ): Promise<Alert | null> {
    return this.db.transaction(async (tx: EntityManager) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7419011))`, [
        `${alert.creatorId}/${alert.linkId ?? ''}/${alert.kind}`,
      ]);
      const near = (await tx.query(
        `SELECT id, first_hour AS "firstHour", last_hour AS "lastHour", peak FROM alerts
          WHERE creator_id = $1 AND link_id IS NOT DISTINCT FROM $2 AND kind = $3 AND last_hour >= $4 AND first_hour <= $5`,
        [alert.creatorId, alert.linkId, alert.kind, nearFrom, nearTo],
      )) as Pick<Alert, 'id' | 'firstHour' | 'lastHour' | 'peak'>[];
      const joined = joins(near);
      if (joined) {
        await tx.query(
          `UPDATE alerts SET first_hour = least(first_hour, $3), last_hour = greatest(last_hour, $3),
                  peak_hour = CASE WHEN $4 THEN $3 ELSE peak_hour END,
                  peak = CASE WHEN $4 THEN $5::jsonb ELSE peak END, drivers = CASE WHEN $4 THEN $6::jsonb ELSE drivers END
            WHERE creator_id = $1 AND id = $2`,
          [
            alert.creatorId,
            joined.id,
            alert.peakHour,
            joined.strongerPeak,
            JSON.stringify(alert.peak),
            JSON.stringify(alert.drivers),
          ],
        );
        return null;
      }
      await tx.query(
        `INSERT INTO alerts (creator_id, id, link_id, kind, first_hour, last_hour, peak_hour, peak, drivers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          alert.creatorId,
          alert.id,
          alert.linkId,
          alert.kind,
          alert.firstHour,
          alert.lastHour,
          alert.peakHour,
          JSON.stringify(alert.peak),
          JSON.stringify(alert.drivers),
        ],
      );
      const [created] = (await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.creator_id = $1 AND a.id = $2`, [
        alert.creatorId,
        alert.id,
      ])) as Alert[];
      return created;
    });
  }

  /**
   * Moves the fleet's clock of judged hours forward to `through` and answers the hour it stood at
   * before, or null when another worker moved it there already (the row lock makes one winner).
   */
  async advanceClock(through: Date): Promise<Date | null> {
    const rows = (await this.db.query(
      `UPDATE alert_clock c SET judged_through = $1 FROM (SELECT judged_through FROM alert_clock WHERE id = 1 FOR UPDATE) old
        WHERE c.id = 1 AND old.judged_through < $1 RETURNING old.judged_through AS before`,
      [through],
    )) as Rows<{ before: Date }>;
    return rows[0][0]?.before ?? null;
  }
}
