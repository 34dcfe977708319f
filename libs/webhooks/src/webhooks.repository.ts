import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DeliveredEvent, Delivery, DeliveryStatus, Webhook, WebhookEvent } from './webhook.types.js';

const WEBHOOK = `id, creator_id AS "creatorId", url, events, secret, failing_since AS "failingSince", disabled_at AS "disabledAt",
  disabled_reason AS "disabledReason", created_at AS "createdAt"`;
const DELIVERY = `id, webhook_id AS "webhookId", event, body, status, attempts, response_status AS "responseStatus", error,
  duration_ms AS "durationMs", created_at AS "createdAt", last_attempt_at AS "lastAttemptAt"`;

type Rows<T> = [T[], number];

export interface NewDelivery {
  id: string;
  webhookId: string;
  event: DeliveredEvent;
  body: string;
}

export interface Attempt {
  status: DeliveryStatus;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
}

/** The `webhooks` and `webhook_deliveries` tables. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(webhook: Pick<Webhook, 'id' | 'creatorId' | 'url' | 'events' | 'secret'>): Promise<Webhook> {
    const [row] = (await this.db.query(
      `INSERT INTO webhooks (creator_id, id, url, events, secret) VALUES ($1, $2, $3, $4, $5) RETURNING ${WEBHOOK}`,
      [webhook.creatorId, webhook.id, webhook.url, webhook.events, webhook.secret],
    )) as Webhook[];
    return row;
  }

  async count(creatorId: string): Promise<number> {
    const [row] = (await this.db.query('SELECT count(*)::int AS n FROM webhooks WHERE creator_id = $1', [creatorId])) as {
      n: number;
    }[];
    return row.n;
  }

  list(creatorId: string): Promise<Webhook[]> {
    return this.db.query(`SELECT ${WEBHOOK} FROM webhooks WHERE creator_id = $1 ORDER BY created_at, id`, [creatorId]);
  }

  async find(creatorId: string, id: string): Promise<Webhook | null> {
    const [row] = (await this.db.query(`SELECT ${WEBHOOK} FROM webhooks WHERE creator_id = $1 AND id = $2`, [
      creatorId,
      id,
    ])) as Webhook[];
    return row ?? null;
  }

  /** Changes url and events; `enabled: true` clears a disablement and its run of failures. */
  async update(
    creatorId: string,
    id: string,
    changes: { url?: string; events?: WebhookEvent[]; enabled?: boolean },
  ): Promise<Webhook | null> {
    const rows = (await this.db.query(
      `UPDATE webhooks SET url = coalesce($3, url), events = coalesce($4, events),
              disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN NULL ELSE coalesce(disabled_at, now()) END,
              disabled_reason = CASE WHEN $5::boolean IS NULL THEN disabled_reason WHEN $5 THEN NULL ELSE coalesce(disabled_reason, 'disabled by you') END,
              failing_since = CASE WHEN $5 THEN NULL ELSE failing_since END
        WHERE creator_id = $1 AND id = $2 RETURNING ${WEBHOOK}`,
      [creatorId, id, changes.url ?? null, changes.events ?? null, changes.enabled ?? null],
    )) as Rows<Webhook>;
    return rows[0][0] ?? null;
  }

  async delete(creatorId: string, id: string): Promise<boolean> {
    const [, affected] = (await this.db.query('DELETE FROM webhooks WHERE creator_id = $1 AND id = $2', [
      creatorId,
      id,
    ])) as Rows<never>;
    return affected > 0;
  }

  /** The creators' enabled webhooks that want this event. */
  subscribed(creatorIds: string[], event: WebhookEvent): Promise<Webhook[]> {
    return this.db.query(
      `SELECT ${WEBHOOK} FROM webhooks WHERE creator_id = ANY($1::uuid[]) AND disabled_at IS NULL AND $2 = ANY(events)`,
      [creatorIds, event],
    );
  }

  async insertDeliveries(creatorId: string, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.db.query(
      `INSERT INTO webhook_deliveries (creator_id, id, webhook_id, event, body, status)
       SELECT $1, d.id, d.webhook_id, d.event, d.body, 'pending' FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS d(id, webhook_id, event, body)`,
      [
        creatorId,
        deliveries.map((d) => d.id),
        deliveries.map((d) => d.webhookId),
        deliveries.map((d) => d.event),
        deliveries.map((d) => d.body),
      ],
    );
  }

  async delivery(creatorId: string, id: string): Promise<Delivery | null> {
    const [row] = (await this.db.query(`SELECT ${DELIVERY} FROM webhook_deliveries WHERE creator_id = $1 AND id = $2`, [
      creatorId,
      id,
    ])) as Delivery[];
    return row ?? null;
  }

  /** A webhook's deliveries, newest first; `before` (a delivery id, time-ordered) pages on. */
  deliveries(creatorId: string, webhookId: string, limit: number, before?: string): Promise<Delivery[]> {
    return this.db.query(
      `SELECT ${DELIVERY} FROM webhook_deliveries WHERE creator_id = $1 AND webhook_id = $2 AND ($4::uuid IS NULL OR id < $4)
        ORDER BY id DESC LIMIT $3`,
      [creatorId, webhookId, limit, before ?? null],
    );
  }

  async recordAttempt(creatorId: string, id: string, attempt: Attempt): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = $3, response_status = $4, error = $5, duration_ms = $6, attempts = attempts + 1, last_attempt_at = now()
        WHERE creator_id = $1 AND id = $2`,
      [creatorId, id, attempt.status, attempt.responseStatus, attempt.error, attempt.durationMs],
    );
  }

  async cancel(creatorId: string, id: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'cancelled' WHERE creator_id = $1 AND id = $2 AND status IN ('pending', 'retrying')`,
      [creatorId, id],
    );
  }

  async markSucceeded(creatorId: string, id: string): Promise<void> {
    await this.db.query(
      'UPDATE webhooks SET failing_since = NULL WHERE creator_id = $1 AND id = $2 AND failing_since IS NOT NULL',
      [creatorId, id],
    );
  }

  /** Starts (or continues) the webhook's run of failures; answers when it began. */
  async markFailing(creatorId: string, id: string, now: Date): Promise<Date> {
    const rows = (await this.db.query(
      `UPDATE webhooks SET failing_since = coalesce(failing_since, $3) WHERE creator_id = $1 AND id = $2 RETURNING failing_since AS "failingSince"`,
      [creatorId, id, now],
    )) as Rows<{ failingSince: Date }>;
    return rows[0][0]?.failingSince ?? now;
  }

  /** Disables the webhook; true for the call that did it (the creator is told once). */
  async disable(creatorId: string, id: string, reason: string): Promise<boolean> {
    const [, affected] = (await this.db.query(
      'UPDATE webhooks SET disabled_at = now(), disabled_reason = $3 WHERE creator_id = $1 AND id = $2 AND disabled_at IS NULL',
      [creatorId, id, reason],
    )) as Rows<never>;
    return affected > 0;
  }
}
