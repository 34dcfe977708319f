import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiToken } from '@app/db';
import { IsString, Length } from 'class-validator';
import { Repository } from 'typeorm';
import { AuthGuard } from './auth.guard.js';
import { CreatorId } from './authenticated-request.js';
import { hashSecret, newSecret } from './secret-token.js';

const TOKEN_PREFIX = 'lp_';

export class CreateTokenDto {
  @ApiProperty({ example: 'Zapier' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class TokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the first characters, to recognise the token' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;

  static from(token: ApiToken): TokenDto {
    return {
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedTokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'shown once; only its hash is stored' }) token: string;
  @ApiProperty() createdAt: string;
}

export class TokenListDto {
  @ApiProperty({ type: [TokenDto] }) items: TokenDto[];
}

@Injectable()
export class TokensService {
  constructor(@InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>) {}

  async create(creatorId: string, name: string): Promise<CreatedTokenDto> {
    const secret = newSecret(TOKEN_PREFIX);
    const token = await this.tokens.save({
      id: randomUUID(),
      creatorId,
      name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      lastUsedAt: null,
    });
    return { id: token.id, name: token.name, token: secret, createdAt: token.createdAt.toISOString() };
  }

  async list(creatorId: string): Promise<TokenDto[]> {
    const tokens = await this.tokens.find({ where: { creatorId }, order: { createdAt: 'DESC' } });
    return tokens.map(TokenDto.from);
  }

  async revoke(creatorId: string, id: string): Promise<void> {
    const { affected } = await this.tokens.delete({ id, creatorId });
    if (!affected) throw new NotFoundException('Token not found');
  }
}

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
