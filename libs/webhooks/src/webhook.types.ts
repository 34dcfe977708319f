export const WEBHOOK_EVENTS = ['click', 'lead', 'sale', 'alert', 'report.ready'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** what a delivery carries: a subscribed event, or the `test` event of POST /webhooks/{id}/test */
export type DeliveredEvent = WebhookEvent | 'test';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'retrying', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Webhook {
  id: string;
  creatorId: string;
  url: string;
  events: WebhookEvent[];
  secret: string;
  failingSince: Date | null;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
}

export interface Delivery {
  id: string;
  webhookId: string;
  event: DeliveredEvent;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
}
