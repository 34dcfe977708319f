import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Cursor, Limit } from '../http/page-query.decorators.js';
import {
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryStatus,
  type Webhook,
  WEBHOOK_EVENTS,
  type WebhookEvent,
} from '@app/webhooks';

const URL_DESCRIPTION = 'an http or https URL resolving to public addresses (unless WEBHOOK_ALLOW_PRIVATE=true)';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/hooks/linkpulse', description: URL_DESCRIPTION })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['click', 'alert'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEvent[];
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: URL_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events?: WebhookEvent[];

  @ApiPropertyOptional({ description: 'true enables a webhook disabled by failures (or by you); false disables it' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEvent[];
  @ApiProperty({
    description: 'signs every delivery: Linkpulse-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>',
  })
  secret: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'the first failed attempt of the current run of failures' })
  failingSince: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'set when 24 hours of failures (or you) disabled it' }) disabledAt:
    string | null;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty() createdAt: string;

  static from(webhook: Webhook): WebhookDto {
    return {
      id: webhook.id,
      url: webhook.url,
      events: webhook.events,
      secret: webhook.secret,
      enabled: webhook.disabledAt === null,
      failingSince: webhook.failingSince?.toISOString() ?? null,
      disabledAt: webhook.disabledAt?.toISOString() ?? null,
      disabledReason: webhook.disabledReason,
      createdAt: webhook.createdAt.toISOString(),
    };
  }
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] }) items: WebhookDto[];
}

export class TestDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'the test delivery, to follow in GET /webhooks/{id}/deliveries' })
  deliveryId: string;
}

export class DeliveryListQueryDto {
  @Limit(100, 25, 'deliveries per page')
  limit?: number;

  @Cursor('uuid')
  cursor?: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'also the payload id and the Linkpulse-Delivery header (for your dedup)' })
  id: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS, 'test'] }) event: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Number, nullable: true, description: "the receiver's last HTTP status" }) responseStatus: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the last attempt failed' }) error: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs: number | null;
  @ApiProperty({ description: 'the JSON body sent' }) body: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastAttemptAt: string | null;

  static from(delivery: Delivery): DeliveryDto {
    return {
      id: delivery.id,
      event: delivery.event,
      status: delivery.status,
      attempts: delivery.attempts,
      responseStatus: delivery.responseStatus,
      error: delivery.error,
      durationMs: delivery.durationMs,
      body: delivery.body,
      createdAt: delivery.createdAt.toISOString(),
      lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    };
  }
}

export class DeliveryListDto {
  @ApiProperty({ type: [DeliveryDto], description: 'newest first' }) items: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
