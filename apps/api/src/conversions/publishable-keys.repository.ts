import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PublishableKey } from '@app/db';
import type { DataSource, Repository } from 'typeorm';

/** The publishable_keys table; every query but the lookups by hash and origin is scoped by creator. */
@Injectable()
export class PublishableKeysRepository {
  private readonly keys: Repository<PublishableKey>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.keys = db.getRepository(PublishableKey);
  }

  insert(key: Omit<PublishableKey, 'createdAt'>): Promise<PublishableKey> {
    return this.keys.save(key);
  }

  list(creatorId: string): Promise<PublishableKey[]> {
    return this.keys.find({ where: { creatorId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async delete(creatorId: string, id: string): Promise<boolean> {
    const { affected } = await this.keys.delete({ id, creatorId });
    return Boolean(affected);
  }

  findByHash(keyHash: Buffer): Promise<PublishableKey | null> {
    return this.keys.findOneBy({ keyHash });
  }

  async touch(id: string): Promise<void> {
    await this.keys.update({ id }, { lastUsedAt: new Date() });
  }

  /** Whether any key allows this origin (a CORS preflight names no key). */
  async isAllowedOrigin(origin: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM publishable_keys WHERE allowed_origins @> ARRAY[$1::text] LIMIT 1',
      [origin],
    );
    return rows.length > 0;
  }
}
