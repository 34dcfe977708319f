import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Link } from '@app/db';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';

export type NewLink = Omit<Link, 'createdAt' | 'updatedAt' | 'archivedAt'>;
export type LinkChanges = Partial<
  Pick<Link, 'slug' | 'url' | 'title' | 'onProfile' | 'profilePosition' | 'expiresAt' | 'fallbackUrl' | 'tags' | 'archivedAt'>
>;

/** The links table; every query is scoped by creator. Methods taking `tx` run inside the caller's transaction. */
@Injectable()
export class LinksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  list(creatorId: string, archived: boolean): Promise<Link[]> {
    return this.db.getRepository(Link).find({
      where: { creatorId, archivedAt: archived ? Not(IsNull()) : IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  /** The creator's link; with `forUpdate`, locked until the transaction ends. */
  findOwned(
    creatorId: string,
    id: string,
    tx: EntityManager = this.db.manager,
    options: { forUpdate?: boolean } = {},
  ): Promise<Link | null> {
    return tx.getRepository(Link).findOne({
      where: { id, creatorId },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Inserts the link unless its slug is taken; null when it is. */
  async insertUnlessSlugTaken(tx: EntityManager, link: NewLink): Promise<Link | null> {
    const result = await tx.createQueryBuilder().insert().into(Link).values(link).orIgnore().returning(['id']).execute();
    if ((result.raw as unknown[]).length === 0) return null;
    return tx.getRepository(Link).findOneByOrFail({ id: link.id });
  }

  async update(tx: EntityManager, creatorId: string, id: string, changes: LinkChanges): Promise<Link> {
    if (Object.keys(changes).length > 0) await tx.getRepository(Link).update({ id, creatorId }, changes);
    return tx.getRepository(Link).findOneByOrFail({ id, creatorId });
  }

  /** The deleted link's slug, or null when the creator has no such link. */
  async delete(creatorId: string, id: string): Promise<string | null> {
    const [rows] = (await this.db.query('DELETE FROM links WHERE id = $1 AND creator_id = $2 RETURNING slug', [
      id,
      creatorId,
    ])) as [{ slug: string }[], number];
    return rows[0]?.slug ?? null;
  }

  /**
   * Takes the creator's profile row lock for the rest of the transaction, so changes to the order
   * of the profile's links (appending a link, reordering) happen one at a time.
   */
  async lockProfileOrder(tx: EntityManager, creatorId: string): Promise<void> {
    await tx.query('SELECT 1 FROM profiles WHERE creator_id = $1 FOR UPDATE', [creatorId]);
  }

  /** The position after the last link on the creator's profile (0 for the first). */
  async nextProfilePosition(tx: EntityManager, creatorId: string): Promise<number> {
    const [row] = (await tx.query(
      'SELECT COALESCE(MAX(profile_position) + 1, 0)::int AS next FROM links WHERE creator_id = $1 AND on_profile',
      [creatorId],
    )) as { next: number }[];
    return row.next;
  }

  /**
   * The creator's links as the profile editor shows them: those on the profile in their order,
   * then the others (not archived), newest first.
   */
  profileOrder(creatorId: string): Promise<ProfileOrderRow[]> {
    return this.db.query(
      `SELECT id, slug, title, url, on_profile AS "onProfile" FROM links
        WHERE creator_id = $1 AND archived_at IS NULL
        ORDER BY on_profile DESC,
                 CASE WHEN on_profile THEN profile_position END,
                 CASE WHEN on_profile THEN created_at END,
                 created_at DESC, id`,
      [creatorId],
    );
  }

  /** Which of these ids are the creator's links. */
  async ownedIds(tx: EntityManager, creatorId: string, ids: string[]): Promise<Set<string>> {
    const rows = (await tx.query('SELECT id FROM links WHERE creator_id = $1 AND id = ANY($2::uuid[])', [creatorId, ids])) as {
      id: string;
    }[];
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Makes `entries` the profile's links, in this order (positions 0, 1, 2…); the creator's other
   * links that are not archived leave the profile.
   */
  async setProfileOrder(tx: EntityManager, creatorId: string, entries: { id: string; visible: boolean }[]): Promise<void> {
    const ids = entries.map((entry) => entry.id);
    await tx.query(
      `UPDATE links SET on_profile = false, updated_at = now()
        WHERE creator_id = $1 AND on_profile AND archived_at IS NULL AND NOT (id = ANY($2::uuid[]))`,
      [creatorId, ids],
    );
    await tx.query(
      `UPDATE links AS l
          SET on_profile = e.visible,
              profile_position = e.position - 1,
              updated_at = CASE WHEN l.on_profile = e.visible THEN l.updated_at ELSE now() END
         FROM unnest($2::uuid[], $3::boolean[]) WITH ORDINALITY AS e (id, visible, position)
        WHERE l.id = e.id AND l.creator_id = $1`,
      [creatorId, ids, entries.map((entry) => entry.visible)],
    );
  }
}

export interface ProfileOrderRow {
  id: string;
  slug: string;
  title: string | null;
  url: string;
  onProfile: boolean;
}
