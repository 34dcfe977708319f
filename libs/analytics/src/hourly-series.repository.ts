import type { BreakdownDimension } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_LINKS, COUNT_SQL, dimensionRows, TOTAL } from './dimensions.js';

/** One hour's counters of one scope: the creator's whole traffic (linkId null) or a link. */
export interface HourCounts {
  linkId: string | null;
  hour: number;
  clicks: number;
  views: number;
  botHits: number;
}

export interface HourValueCounts extends Omit<HourCounts, 'linkId'> {
  dimension: string;
  value: string;
}

const COUNTERS = 'clicks::int AS clicks, views::int AS views, bot_hits::int AS "botHits"';

/** The hourly series the anomaly alerts judge (docs/alerts.md): read from the hourly rollups and, for what drove an anomaly, from raw events. */
@Injectable()
export class HourlySeriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Hourly totals of [from, to): the creator's (linkId null) and those of the given links; hours with nothing are absent. */
  async totals(creatorId: string, linkIds: string[], from: Date, to: Date): Promise<HourCounts[]> {
    const rows: (Omit<HourCounts, 'hour'> & { hour: Date })[] = await this.db.query(
      `SELECT NULLIF(link_id, '${ALL_LINKS}') AS "linkId", hour, ${COUNTERS} FROM rollup_hourly
        WHERE creator_id = $1 AND link_id = ANY($2::uuid[]) AND dimension = '${TOTAL}' AND value = '' AND hour >= $3 AND hour < $4`,
      [creatorId, [ALL_LINKS, ...linkIds], from, to],
    );
    return rows.map((row) => ({ ...row, hour: row.hour.getTime() }));
  }

  /** The links with at least `minVolume` clicks, views or bot hits in one of the given hours. */
  async busyLinks(creatorId: string, hours: Date[], minVolume: number): Promise<string[]> {
    const rows: { linkId: string }[] = await this.db.query(
      `SELECT DISTINCT link_id AS "linkId" FROM rollup_hourly
        WHERE creator_id = $1 AND link_id <> '${ALL_LINKS}' AND dimension = '${TOTAL}' AND hour = ANY($2::timestamptz[])
          AND greatest(clicks, views, bot_hits) >= $3`,
      [creatorId, hours, minVolume],
    );
    return rows.map((row) => row.linkId);
  }

  /** Creators with events in [from, to) (whose hours may be judged). */
  async activeCreators(from: Date, to: Date): Promise<string[]> {
    const rows: { creatorId: string }[] = await this.db.query(
      `SELECT DISTINCT creator_id AS "creatorId" FROM rollup_daily
        WHERE link_id = '${ALL_LINKS}' AND dimension = '${TOTAL}' AND day >= $1 AND day < $2`,
      [from, to],
    );
    return rows.map((row) => row.creatorId);
  }

  /** Counters per value of each dimension in each given hour, of the creator's traffic or one link's (raw events, one index range per hour). */
  async breakdown(
    creatorId: string,
    linkId: string | null,
    hours: Date[],
    dimensions: BreakdownDimension[],
  ): Promise<HourValueCounts[]> {
    const rows: (Omit<HourValueCounts, 'hour'> & { hour: Date })[] = await this.db.query(
      `SELECT h.start AS hour, v.dimension, v.value,
              ${COUNT_SQL.clicks}::int AS clicks, ${COUNT_SQL.views}::int AS views, ${COUNT_SQL.bot_hits}::int AS "botHits"
         FROM unnest($2::timestamptz[]) AS h(start)
         JOIN events e ON e.creator_id = $1 AND e.occurred_at >= h.start AND e.occurred_at < h.start + interval '1 hour'
        CROSS JOIN LATERAL ${dimensionRows(dimensions)} AS v(dimension, value)
        WHERE ($3::uuid IS NULL OR e.link_id = $3) AND v.value IS NOT NULL
        GROUP BY 1, 2, 3`,
      [creatorId, hours, linkId],
    );
    return rows.map((row) => ({ ...row, hour: row.hour.getTime() }));
  }
}
