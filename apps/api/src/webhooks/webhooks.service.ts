import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LimitReachedError, NotFoundError, uuidV7 } from '@app/common';
import { WebhookEvents, WebhooksRepository, WebhookTargets } from '@app/webhooks';
import {
  type CreateWebhookDto,
  DeliveryDto,
  type DeliveryListDto,
  type DeliveryListQueryDto,
  type UpdateWebhookDto,
  WebhookDto,
} from './webhooks.dto.js';

/** Webhooks a creator may have. */
export const MAX_WEBHOOKS = 10;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly targets: WebhookTargets,
    private readonly events: WebhookEvents,
  ) {}

  async list(creatorId: string): Promise<WebhookDto[]> {
    return (await this.webhooks.list(creatorId)).map((webhook) => WebhookDto.from(webhook));
  }

  async create(creatorId: string, dto: CreateWebhookDto): Promise<WebhookDto> {
    await this.targets.addressesOf(dto.url);
    if ((await this.webhooks.count(creatorId)) >= MAX_WEBHOOKS) throw new LimitReachedError(`at most ${MAX_WEBHOOKS} webhooks`);
    const webhook = await this.webhooks.insert({
      id: uuidV7(),
      creatorId,
      url: dto.url,
      events: [...new Set(dto.events)],
      secret: `whsec_${randomBytes(24).toString('base64url')}`,
    });
    return WebhookDto.from(webhook);
  }

  async update(creatorId: string, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    if (dto.url !== undefined) await this.targets.addressesOf(dto.url);
    const webhook = await this.webhooks.update(creatorId, id, { ...dto, events: dto.events && [...new Set(dto.events)] });
    if (!webhook) throw new NotFoundError('no such webhook');
    return WebhookDto.from(webhook);
  }

  async delete(creatorId: string, id: string): Promise<void> {
    if (!(await this.webhooks.delete(creatorId, id))) throw new NotFoundError('no such webhook');
  }

  async test(creatorId: string, id: string): Promise<{ deliveryId: string }> {
    return { deliveryId: await this.events.test(await this.find(creatorId, id)) };
  }

  async deliveries(creatorId: string, id: string, query: DeliveryListQueryDto): Promise<DeliveryListDto> {
    await this.find(creatorId, id);
    const limit = query.limit ?? 25;
    const rows = await this.webhooks.deliveries(creatorId, id, limit + 1, query.cursor);
    const items = rows.slice(0, limit).map((row) => DeliveryDto.from(row));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  private async find(creatorId: string, id: string) {
    const webhook = await this.webhooks.find(creatorId, id);
    if (!webhook) throw new NotFoundError('no such webhook');
    return webhook;
  }
}
