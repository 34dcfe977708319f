import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;

/** The UTC day of an instant, as YYYY-MM-DD. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * One random salt per UTC day, kept in PostgreSQL so every worker hashes alike, and deleted
 * 48 hours after its day began. After that nobody can link a visitor id back to an address.
 */
@Injectable()
export class VisitorSalts {
  private readonly cache = new Map<string, Buffer>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forDay(day: string, now = Date.now()): Promise<Buffer> {
    const cached = this.cache.get(day);
    if (cached) return cached;
    if (Date.parse(`${day}T00:00:00Z`) + 2 * DAY_MS <= now) {
      // the day's salt is gone on purpose: a hit this late counts as a visitor of its own
      return randomBytes(32);
    }
    await this.db.query('INSERT INTO visitor_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [
      day,
      randomBytes(32),
    ]);
    const [{ salt }] = await this.db.query('SELECT salt FROM visitor_salts WHERE day = $1', [day]);
    this.cache.set(day, salt);
    for (const key of this.cache.keys()) if (key <= utcDay(now - 2 * DAY_MS)) this.cache.delete(key);
    return salt;
  }

  /** Deletes every salt whose day began 48 hours ago or more. */
  async deleteExpired(now = Date.now()): Promise<number> {
    const lastExpired = utcDay(now - 2 * DAY_MS);
    for (const key of this.cache.keys()) if (key <= lastExpired) this.cache.delete(key);
    const [, count] = await this.db.query('DELETE FROM visitor_salts WHERE day <= $1', [lastExpired]);
    return count;
  }
}
