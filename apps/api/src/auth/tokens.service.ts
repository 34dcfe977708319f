import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { CreatedTokenDto, TokenDto } from './tokens.dto.js';
import { hashSecret, newSecret } from './secret-token.js';

const TOKEN_PREFIX = 'lp_';

@Injectable()
export class TokensService {
  constructor(private readonly tokens: ApiTokensRepository) {}

  async create(creatorId: string, name: string): Promise<CreatedTokenDto> {
    const secret = newSecret(TOKEN_PREFIX);
    const token = await this.tokens.insert({
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
    const tokens = await this.tokens.listOf(creatorId);
    return tokens.map(TokenDto.from);
  }

  async revoke(creatorId: string, id: string): Promise<void> {
    if (!(await this.tokens.delete(creatorId, id))) throw new NotFoundException('Token not found');
  }
}
