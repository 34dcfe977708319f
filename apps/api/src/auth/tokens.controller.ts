import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from './auth.guard.js';
import { CreatorId } from './authenticated-request.js';
import { CreatedTokenDto, CreateTokenDto, TokenListDto } from './tokens.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@ApiCookieAuth()
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedTokenDto })
  create(@CreatorId() creatorId: string, @Body() dto: CreateTokenDto): Promise<CreatedTokenDto> {
    return this.tokens.create(creatorId, dto.name);
  }

  @Get()
  @ApiOkResponse({ type: TokenListDto })
  async list(@CreatorId() creatorId: string): Promise<TokenListDto> {
    return { items: await this.tokens.list(creatorId) };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(
    @CreatorId() creatorId: string,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<void> {
    return this.tokens.revoke(creatorId, id);
  }
}
