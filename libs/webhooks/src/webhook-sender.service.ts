import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIPv6 } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import { WebhooksRepository } from './webhooks.repository.js';
import type { Attempt } from './webhooks.repository.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook.signature.js';
import { WebhookTargets } from './webhook-targets.js';
import type { Delivery, Webhook } from './webhook.types.js';

/** A webhook failing for this long is disabled and its creator told. */
export const FAILING_LIMIT_MS = 24 * 3_600_000;
const TIMEOUT_MS = 10_000;
const ERROR_CHARS = 300;

/** What became of one attempt. */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'cancelled' | 'gone';

/**
 * Sends one delivery: a JSON POST signed with the webhook's secret (Linkpulse-Signature), to an
 * address checked again now and pinned for the connection. A 2xx answer delivers it; anything else
 * (another status, a redirect, a timeout, a refused address) is a failed attempt, retried by the
 * queue with backoff until the webhook has been failing for 24 hours: then it is disabled.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly targets: WebhookTargets,
  ) {}

  async send(creatorId: string, deliveryId: string, lastAttempt: boolean, now = Date.now()): Promise<AttemptOutcome> {
    const delivery = await this.webhooks.delivery(creatorId, deliveryId);
    const webhook = delivery && (await this.webhooks.find(creatorId, delivery.webhookId));
    if (!delivery || !webhook) return 'gone';
    const test = delivery.event === 'test';
    if (webhook.disabledAt && !test) {
      await this.webhooks.cancel(creatorId, deliveryId);
      return 'cancelled';
    }
    const attempt = await this.post(webhook, delivery, now);
    if (attempt.status === 'delivered') {
      await this.webhooks.recordAttempt(creatorId, deliveryId, attempt);
      if (!test) await this.webhooks.markSucceeded(creatorId, webhook.id);
      return 'delivered';
    }
    // a test delivery is tried once and says nothing of the webhook's health
    if (test) {
      await this.webhooks.recordAttempt(creatorId, deliveryId, { ...attempt, status: 'failed' });
      return 'failed';
    }
    const failingSince = await this.webhooks.markFailing(creatorId, webhook.id, new Date(now));
    if (now - failingSince.getTime() >= FAILING_LIMIT_MS) {
      await this.webhooks.recordAttempt(creatorId, deliveryId, { ...attempt, status: 'failed' });
      const reason = `failing since ${failingSince.toISOString()}: ${attempt.error}`;
      if (await this.webhooks.disable(creatorId, webhook.id, reason))
        this.logger.warn(`webhook ${webhook.id} of creator ${creatorId} disabled, ${reason}`);
      return 'failed';
    }
    await this.webhooks.recordAttempt(creatorId, deliveryId, { ...attempt, status: lastAttempt ? 'failed' : 'retrying' });
    return lastAttempt ? 'failed' : 'retry';
  }

  private async post(webhook: Webhook, delivery: Delivery, now: number): Promise<Attempt> {
    const started = performance.now();
    const duration = (): number => Math.round(performance.now() - started);
    let address: string;
    try {
      [address] = await this.targets.addressesOf(webhook.url);
    } catch (error) {
      return { status: 'retrying', responseStatus: null, error: (error as Error).message, durationMs: null };
    }
    const url = new URL(webhook.url);
    const family = isIPv6(address) ? 6 : 4;
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all)
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Linkpulse-Webhooks/1',
      [SIGNATURE_HEADER]: signatureHeader(webhook.secret, delivery.body, Math.floor(now / 1000)),
      'Linkpulse-Delivery': delivery.id,
      'Linkpulse-Event': delivery.event,
    };
    return new Promise<Attempt>((resolve) => {
      const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', headers, lookup: pinned, timeout: TIMEOUT_MS },
        (response) => {
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            resolve({
              status: ok ? 'delivered' : 'retrying',
              responseStatus: status,
              error: ok ? null : `answered ${status}`,
              durationMs: duration(),
            });
          });
          response.on('error', (error) =>
            resolve({
              status: 'retrying',
              responseStatus: response.statusCode ?? null,
              error: error.message,
              durationMs: duration(),
            }),
          );
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      request.on('error', (error) =>
        resolve({ status: 'retrying', responseStatus: null, error: error.message.slice(0, ERROR_CHARS), durationMs: duration() }),
      );
      request.end(delivery.body);
    });
  }
}
