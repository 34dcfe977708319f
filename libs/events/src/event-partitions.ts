import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Monthly partitions of `events`, named events_YYYY_MM, covering [first of month, first of next month) UTC. */
export function monthStart(at: number): Date {
  const d = new Date(at);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function nextMonth(start: Date): Date {
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

export function partitionName(start: Date): string {
  return `events_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** One per process (EventsModule): it remembers which partitions exist, so inserts skip the DDL. */
@Injectable()
export class EventPartitions {
  private readonly known = new Set<string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Makes sure a partition exists for every month touched by these instants. */
  async ensureFor(instants: Iterable<number>, manager: EntityManager = this.db.manager): Promise<void> {
    const missing = new Map<string, Date>();
    for (const at of instants) {
      const start = monthStart(at);
      const name = partitionName(start);
      if (!this.known.has(name)) missing.set(name, start);
    }
    for (const [name, start] of missing) {
      await this.create(name, start, manager);
      this.known.add(name);
    }
  }

  /** The current month and the next `monthsAhead`, so inserts never wait on DDL. */
  async ensureAhead(now = Date.now(), monthsAhead = 2): Promise<void> {
    const months: number[] = [];
    let start = monthStart(now);
    for (let i = 0; i <= monthsAhead; i++, start = nextMonth(start)) months.push(start.getTime());
    await this.ensureFor(months);
  }

  private async create(name: string, start: Date, manager: EntityManager): Promise<void> {
    await manager.transaction(async (tx) => {
      // concurrent workers may try to create the same partition
      await tx.query('SELECT pg_advisory_xact_lock(7419002)');
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events FOR VALUES FROM ('${start.toISOString()}') TO ('${nextMonth(start).toISOString()}')`,
      );
    });
  }

  /**
   * Raw events older than the retention are removed: whole partitions dropped, the boundary
   * partition trimmed. Rollups are kept. Returns the number of partitions dropped.
   */
  async dropOlderThan(cutoff: Date): Promise<number> {
    const partitions: { name: string; upper: Date }[] = await this.db.query(`
      SELECT c.relname AS name,
             (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'events'::regclass`);
    let dropped = 0;
    for (const { name, upper } of partitions) {
      if (upper.getTime() <= cutoff.getTime()) {
        await this.db.query(`DROP TABLE ${name}`);
        this.known.delete(name);
        dropped++;
      }
    }
    await this.db.query('DELETE FROM events WHERE occurred_at < $1', [cutoff]);
    return dropped;
  }
}
