import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs work that spans several repositories in one transaction: each repository method that
 * takes a `tx` runs inside it. Services ask for this instead of the DataSource.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Runs `work` in a transaction holding the creator's lock for `scope` (a transaction-scoped
   * advisory lock, released at commit or rollback). A cap's count and the insert it allows are then
   * one step: parallel requests of one creator take turns, other creators never wait.
   */
  runLocked<T>(scope: string, creatorId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [scope, creatorId]);
      return work(tx);
    });
  }
}
