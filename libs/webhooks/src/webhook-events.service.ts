import { Injectable, Logger } from '@nestjs/common';
import { DeliverWebhookJob, JobQueues, uuidV7 } from '@app/common';
import type { NewDelivery } from './webhooks.repository.js';
import { WebhooksRepository } from './webhooks.repository.js';
import type { DeliveredEvent, Webhook, WebhookEvent } from './webhook.types.js';

/** Retries of a failing delivery: backoff doubling from 30 s up to an hour, for 24 hours (then the webhook is disabled). */
export const DELIVERY_ATTEMPTS = 40;

/** The JSON a receiver gets: its id is the delivery's (for the receiver's own dedup). */
export interface WebhookPayload<T = unknown> {
  id: string;
  event: DeliveredEvent;
  createdAt: string;
  data: T;
}

/**
 * Hands events to a creator's webhooks: one delivery (logged, then queued) per webhook that wants
 * the event. Emitting never fails the work that produced the event: a webhook is a notification,
 * the stored click or conversion is what counts (a failure is logged).
 */
@Injectable()
export class WebhookEvents {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly queues: JobQueues,
  ) {}

  async emit(creatorId: string, event: WebhookEvent, data: unknown): Promise<void> {
    await this.emitEach(event, [{ creatorId, data }]);
  }

  /** One event per item, to each item's creator's webhooks; one query for the whole list (a capture batch's clicks). */
  async emitEach(event: WebhookEvent, items: { creatorId: string; data: unknown }[]): Promise<void> {
    if (items.length === 0) return;
    try {
      const targets = await this.webhooks.subscribed([...new Set(items.map((item) => item.creatorId))], event);
      if (targets.length === 0) return;
      for (const { creatorId, data } of items) {
        await this.deliver(
          creatorId,
          targets.filter((webhook) => webhook.creatorId === creatorId),
          event,
          data,
        );
      }
    } catch (error) {
      this.logger.warn(`${event} not handed to webhooks: ${(error as Error).message}`);
    }
  }

  /** A `test` delivery to one webhook (enabled or not); answers its id. */
  async test(webhook: Webhook): Promise<string> {
    const [id] = await this.deliver(webhook.creatorId, [webhook], 'test', {
      message: 'A test delivery from Linkpulse.',
      webhookId: webhook.id,
    });
    return id;
  }

  private async deliver(creatorId: string, targets: Webhook[], event: DeliveredEvent, data: unknown): Promise<string[]> {
    if (targets.length === 0) return [];
    const now = Date.now();
    const deliveries: NewDelivery[] = targets.map((webhook) => {
      const id = uuidV7(now);
      const payload: WebhookPayload = { id, event, createdAt: new Date(now).toISOString(), data };
      return { id, webhookId: webhook.id, event, body: JSON.stringify(payload) };
    });
    await this.webhooks.insertDeliveries(creatorId, deliveries);
    for (const delivery of deliveries) {
      await this.queues.add(
        DeliverWebhookJob,
        { creatorId, deliveryId: delivery.id },
        {
          jobId: delivery.id,
          attempts: event === 'test' ? 1 : DELIVERY_ATTEMPTS,
          backoff: { type: 'custom' },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      );
    }
    return deliveries.map((delivery) => delivery.id);
  }
}
