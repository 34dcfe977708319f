import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Creator } from '../entities/creator.entity.js';

export type NewCreator = Omit<Creator, 'createdAt'>;
export type CreatorChanges = Partial<
  Pick<Creator, 'email' | 'username' | 'usernameSkeleton' | 'timezone' | 'passwordHash' | 'conversionTracking' | 'currency'>
>;

/** The creators table (accounts). Deleting a creator deletes all their data: the foreign keys cascade. */
@Injectable()
export class CreatorsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(tx: EntityManager, creator: NewCreator): Promise<Creator> {
    return tx.getRepository(Creator).save(creator);
  }

  findById(id: string): Promise<Creator | null> {
    return this.db.getRepository(Creator).findOneBy({ id });
  }

  /** `email` as stored: normalised by the API's DTOs (apps/api/src/auth/account.rules.ts). */
  findByEmail(email: string): Promise<Creator | null> {
    return this.db.getRepository(Creator).findOneBy({ email });
  }

  /**
   * The username of another creator whose username looks like one with this skeleton, or null.
   * Takes the skeleton's lock until the transaction ends: two sign-ups cannot take `maya` and `rnaya` at once.
   */
  async confusableUsername(tx: EntityManager, skeleton: string, exceptCreatorId: string | null): Promise<string | null> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 9187))', [skeleton]);
    const [row] = await tx.query<{ username: string }[]>(
      'SELECT username FROM creators WHERE username_skeleton = $1 AND id IS DISTINCT FROM $2::uuid LIMIT 1',
      [skeleton, exceptCreatorId],
    );
    return row?.username ?? null;
  }

  async update(id: string, changes: CreatorChanges, tx: EntityManager = this.db.manager): Promise<void> {
    if (Object.keys(changes).length > 0) await tx.getRepository(Creator).update({ id }, changes);
  }

  async delete(id: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.getRepository(Creator).delete({ id });
  }

  /** Whether the creator's new links track conversions when the request does not say. */
  async tracksConversionsByDefault(creatorId: string, tx: EntityManager = this.db.manager): Promise<boolean> {
    const creator = await tx.getRepository(Creator).findOne({ where: { id: creatorId }, select: { conversionTracking: true } });
    return creator?.conversionTracking ?? false;
  }

  /** The creator's currency (ISO 4217): revenue in it is listed first. USD when there is no such creator. */
  async currencyOf(creatorId: string, tx: EntityManager = this.db.manager): Promise<string> {
    const creator = await tx.getRepository(Creator).findOne({ where: { id: creatorId }, select: { currency: true } });
    return creator?.currency ?? 'USD';
  }

  /** The creator's time zone, or null when there is no such creator. */
  async timeZoneOf(creatorId: string, tx: EntityManager = this.db.manager): Promise<string | null> {
    const creator = await tx.getRepository(Creator).findOne({ where: { id: creatorId }, select: { timezone: true } });
    return creator?.timezone ?? null;
  }
}
