import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import {
  CreateWebhookDto,
  DeliveryListDto,
  DeliveryListQueryDto,
  TestDeliveryDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookListDto,
} from './webhooks.dto.js';
import { WebhooksService } from './webhooks.service.js';

const WebhookId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

@ApiTags('webhooks')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOkResponse({ type: WebhookListDto })
  async list(@CreatorId() creatorId: string): Promise<WebhookListDto> {
    return { items: await this.webhooks.list(creatorId) };
  }

  @Post()
  @ApiOperation({ summary: 'Add a webhook: signed JSON POSTs of the events it wants (docs/webhooks.md)' })
  @ApiCreatedResponse({ type: WebhookDto })
  create(@CreatorId() creatorId: string, @Body() dto: CreateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.create(creatorId, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookDto })
  update(@CreatorId() creatorId: string, @WebhookId() id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(creatorId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the webhook and its delivery log are gone' })
  delete(@CreatorId() creatorId: string, @WebhookId() id: string): Promise<void> {
    return this.webhooks.delete(creatorId, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `test` delivery now (tried once; its outcome shows in the delivery log)' })
  @ApiAcceptedResponse({ type: TestDeliveryDto })
  test(@CreatorId() creatorId: string, @WebhookId() id: string): Promise<TestDeliveryDto> {
    return this.webhooks.test(creatorId, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The webhook's delivery log, newest first" })
  @ApiOkResponse({ type: DeliveryListDto })
  deliveries(
    @CreatorId() creatorId: string,
    @WebhookId() id: string,
    @Query() query: DeliveryListQueryDto,
  ): Promise<DeliveryListDto> {
    return this.webhooks.deliveries(creatorId, id, query);
  }
}
