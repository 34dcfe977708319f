import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { PublishableKey } from '@app/db';
import { PUBLISHABLE_KEY_PREFIX } from '../auth/auth.guard.js';
import { hashSecret, newSecret } from '../auth/secret-token.js';
import { AllowedOriginError, normaliseOrigins } from './allowed-origin.rules.js';
import { type CreatedPublishableKeyDto, type CreatePublishableKeyDto, PublishableKeyDto } from './publishable-keys.dto.js';
import { PublishableKeysRepository } from './publishable-keys.repository.js';

const TOUCH_INTERVAL_MS = 60_000;

/** Publishable keys: made, listed and revoked by their creator; resolved for /lp.js requests. */
@Injectable()
export class PublishableKeysService {
  constructor(private readonly keys: PublishableKeysRepository) {}

  async create(creatorId: string, dto: CreatePublishableKeyDto): Promise<CreatedPublishableKeyDto> {
    let allowedOrigins: string[];
    try {
      allowedOrigins = normaliseOrigins(dto.allowedOrigins);
    } catch (error) {
      if (error instanceof AllowedOriginError) throw new BadRequestException(error.message);
      throw error;
    }
    const secret = newSecret(PUBLISHABLE_KEY_PREFIX);
    const key = await this.keys.insert({
      id: randomUUID(),
      creatorId,
      name: dto.name,
      keyHash: hashSecret(secret),
      prefix: secret.slice(0, PUBLISHABLE_KEY_PREFIX.length + 6),
      allowedOrigins,
      lastUsedAt: null,
    });
    return { ...PublishableKeyDto.from(key), key: secret };
  }

  async list(creatorId: string): Promise<PublishableKeyDto[]> {
    return (await this.keys.list(creatorId)).map(PublishableKeyDto.from);
  }

  async revoke(creatorId: string, id: string): Promise<void> {
    if (!(await this.keys.delete(creatorId, id))) throw new NotFoundException('Publishable key not found');
  }

  /** The key behind a secret, or null. */
  async resolve(secret: string): Promise<PublishableKey | null> {
    const key = await this.keys.findByHash(hashSecret(secret));
    if (key && (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS)) await this.keys.touch(key.id);
    return key;
  }

  isAllowedOrigin(origin: string): Promise<boolean> {
    return this.keys.isAllowedOrigin(origin);
  }
}
