import { Module } from '@nestjs/common';
import { HostResolver } from '@app/links';
import { WebhookEvents } from './webhook-events.service.js';
import { WebhookSender } from './webhook-sender.service.js';
import { WebhookTargets } from './webhook-targets.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Webhooks (docs/webhooks.md): the tables, the emitter every event source calls, and the sender the worker runs. */
@Module({
  providers: [WebhooksRepository, WebhookEvents, WebhookSender, WebhookTargets, HostResolver],
  exports: [WebhooksRepository, WebhookEvents, WebhookSender, WebhookTargets],
})
export class WebhooksModule {}
