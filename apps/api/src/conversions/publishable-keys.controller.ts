import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { CreatedPublishableKeyDto, CreatePublishableKeyDto, PublishableKeyListDto } from './publishable-keys.dto.js';
import { PublishableKeysService } from './publishable-keys.service.js';

@ApiTags('conversions')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/publishable-keys')
export class PublishableKeysController {
  constructor(private readonly keys: PublishableKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedPublishableKeyDto })
  create(@CreatorId() creatorId: string, @Body() dto: CreatePublishableKeyDto): Promise<CreatedPublishableKeyDto> {
    return this.keys.create(creatorId, dto);
  }

  @Get()
  @ApiOkResponse({ type: PublishableKeyListDto })
  async list(@CreatorId() creatorId: string): Promise<PublishableKeyListDto> {
    return { items: await this.keys.list(creatorId) };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(
    @CreatorId() creatorId: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    return this.keys.revoke(creatorId, id);
  }
}
