import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiToken } from '@app/db';
import { Repository } from 'typeorm';
import { CreatedTokenDto, TokenDto } from './tokens.dto.js';
import { hashSecret, newSecret } from './secret-token.js';

const TOKEN_PREFIX = 'lp_';

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
