import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard.js';
import { CreatorId } from '../auth/authenticated-request.js';
import { CreateShareDto, ShareDto, ShareListDto } from './shares.dto.js';
import { SharesService } from './shares.service.js';

const ShareId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** A creator's shared dashboards: made, listed, revoked. */
@ApiTags('shares')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Post()
  @ApiCreatedResponse({ type: ShareDto })
  async create(@CreatorId() creatorId: string, @Body() dto: CreateShareDto): Promise<ShareDto> {
    const share = await this.shares.create(creatorId, dto);
    return ShareDto.from(share, this.shares.urlOf(share));
  }

  @Get()
  @ApiOkResponse({ type: ShareListDto })
  async list(@CreatorId() creatorId: string): Promise<ShareListDto> {
    return { items: (await this.shares.list(creatorId)).map((share) => ShareDto.from(share, this.shares.urlOf(share))) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked: its address answers 404 from now on' })
  revoke(@CreatorId() creatorId: string, @ShareId() id: string): Promise<void> {
    return this.shares.revoke(creatorId, id);
  }
}
