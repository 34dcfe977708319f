import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type QuarantinedKind = 'slug' | 'username';

const DAY_MS = 86_400_000;

/**
 * The name_quarantine table: slugs and usernames let go, reserved to no one (but the creator who
 * let them go, while the account exists) for SLUG_QUARANTINE_DAYS. Every way a slug or a username
 * is taken — a link created or renamed, an import, a sign-up, a username change — asks
 * `reservedUntil` first, and every way one is let go calls `release`.
 */
@Injectable()
export class NameQuarantineRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Reserves the names for `days` from now (inside the caller's transaction). `formerCreatorId`:
   * the creator who may still take them back, null when no one may (the account is deleted).
   */
  async release(
    tx: EntityManager,
    kind: QuarantinedKind,
    names: string[],
    formerCreatorId: string | null,
    days: number,
  ): Promise<void> {
    if (names.length === 0 || days === 0) return;
    await tx.query(
      `INSERT INTO name_quarantine (kind, name, former_creator_id, reserved_until)
       SELECT $1, lower(name), $3::uuid, now() + $4 * interval '1 millisecond' FROM unnest($2::text[]) AS name
       ON CONFLICT (kind, name) DO UPDATE
         SET former_creator_id = EXCLUDED.former_creator_id, released_at = now(), reserved_until = EXCLUDED.reserved_until`,
      [kind, [...new Set(names.map((name) => name.toLowerCase()))], formerCreatorId, days * DAY_MS],
    );
  }

  /** Until when `name` is reserved against `creatorId` (null: free for them to take). */
  async reservedUntil(
    kind: QuarantinedKind,
    name: string,
    creatorId: string | null,
    tx: EntityManager = this.db.manager,
  ): Promise<Date | null> {
    const [row] = await tx.query<{ until: Date }[]>(
      `SELECT reserved_until AS until FROM name_quarantine
        WHERE kind = $1 AND name = lower($2) AND reserved_until > now()
          AND NOT coalesce(former_creator_id = $3::uuid, false)`,
      [kind, name, creatorId],
    );
    return row?.until ?? null;
  }

  /**
   * The current username of the creator who let `username` go by renaming, while it is reserved:
   * their old page address leads to the new one until the name may be someone else's.
   */
  async renamedTo(username: string): Promise<string | null> {
    const [row] = await this.db.query<{ username: string }[]>(
      `SELECT c.username FROM name_quarantine q JOIN creators c ON c.id = q.former_creator_id
        WHERE q.kind = 'username' AND q.name = lower($1) AND q.reserved_until > now()`,
      [username],
    );
    return row?.username ?? null;
  }

  /** Which of `names` (lowercased) are reserved against `creatorId`: `reservedUntil` for many at once. */
  async reservedAmong(tx: EntityManager, kind: QuarantinedKind, names: string[], creatorId: string): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await tx.query<{ name: string }[]>(
      `SELECT name FROM name_quarantine
        WHERE kind = $1 AND name = ANY(SELECT lower(n) FROM unnest($2::text[]) AS n) AND reserved_until > now()
          AND NOT coalesce(former_creator_id = $3::uuid, false)`,
      [kind, names, creatorId],
    );
    return new Set(rows.map((row) => row.name));
  }

  /** Frees the names whose time is up; how many. */
  async purgeExpired(): Promise<number> {
    const [, affected] = await this.db.query<[unknown[], number]>('DELETE FROM name_quarantine WHERE reserved_until <= now()');
    return affected;
  }
}
