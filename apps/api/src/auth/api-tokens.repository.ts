import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiToken } from '@app/db';
import { DataSource } from 'typeorm';

/** The api_tokens table: personal API tokens, stored as their SHA-256. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(token: Omit<ApiToken, 'createdAt'>): Promise<ApiToken> {
    return this.db.getRepository(ApiToken).save(token);
  }

  findByHash(tokenHash: Buffer): Promise<ApiToken | null> {
    return this.db.getRepository(ApiToken).findOneBy({ tokenHash });
  }

  exists(id: string): Promise<boolean> {
    return this.db.getRepository(ApiToken).existsBy({ id });
  }

  /** Newest first. */
  listOf(creatorId: string): Promise<ApiToken[]> {
    return this.db.getRepository(ApiToken).find({ where: { creatorId }, order: { createdAt: 'DESC' } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.db.getRepository(ApiToken).update({ id }, { lastUsedAt: at });
  }

  /** Whether the creator had this token. */
  async delete(creatorId: string, id: string): Promise<boolean> {
    const { affected } = await this.db.getRepository(ApiToken).delete({ id, creatorId });
    return Boolean(affected);
  }
}
