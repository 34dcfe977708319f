import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Session } from '@app/db';
import { DataSource, type EntityManager } from 'typeorm';

/** The sessions table: one row per signed-in browser, keyed by the SHA-256 of its cookie. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(session: Omit<Session, 'createdAt'>): Promise<void> {
    await this.db.getRepository(Session).insert(session);
  }

  findByHash(tokenHash: Buffer): Promise<Session | null> {
    return this.db.getRepository(Session).findOneBy({ tokenHash });
  }

  async deleteByHash(tokenHash: Buffer): Promise<void> {
    await this.db.getRepository(Session).delete({ tokenHash });
  }

  /** Signs the creator out everywhere (inside the caller's transaction). */
  async deleteAllOf(tx: EntityManager, creatorId: string): Promise<void> {
    await tx.getRepository(Session).delete({ creatorId });
  }
}
