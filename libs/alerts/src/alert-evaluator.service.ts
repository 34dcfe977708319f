import { type HourCounts, HourlySeriesRepository, ZoneClock } from '@app/analytics';
import { type BreakdownDimension, uuidV7 } from '@app/common';
import { CreatorsRepository, LinksRepository } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { EPISODE_GAP_HOURS, episodeOf } from './alert-episodes.js';
import type { Alert, AlertDriver, AlertSettings, NewAlert } from './alert.types.js';
import { AlertsRepository } from './alerts.repository.js';
import {
  type AlertMetric,
  BASELINE_WEEKS,
  type Detection,
  detect,
  detectorInput,
  type DimensionHistory,
  driversOf,
  type HourlySeries,
} from './anomaly.detector.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const METRICS: Record<AlertMetric, keyof Pick<HourCounts, 'clicks' | 'views' | 'botHits'>> = {
  clicks: 'clicks',
  views: 'views',
  bot_hits: 'botHits',
};
/** What may have driven an anomaly: where the traffic came from, to which link, from where, and which bots. */
const DRIVER_DIMENSIONS: BreakdownDimension[] = ['source', 'link', 'country', 'referrer'];
/** An hour is judged this long after it ends: clicks still on their way through the queue are in. */
export const JUDGE_GRACE_MS = 3 * 60_000;
/** After an outage of the worker, at most this many missed hours are judged. */
const CATCH_UP_HOURS = 24;

/**
 * Judges a creator's hours against their baselines (docs/alerts.md) and records the anomalies:
 * the creator's whole traffic and each link busy enough to have a baseline. A link's anomaly of a
 * kind the whole traffic shows in the same hour is left to the creator's alert, which names the
 * link among its drivers.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly series: HourlySeriesRepository,
    private readonly alerts: AlertsRepository,
    private readonly creators: CreatorsRepository,
    private readonly links: LinksRepository,
  ) {}

  /** The hours that have become due since the last call anywhere in the fleet, for every creator with recent traffic. */
  async judgeDueHours(now: number): Promise<Alert[]> {
    const due = Math.floor((now - JUDGE_GRACE_MS) / HOUR_MS) * HOUR_MS - HOUR_MS;
    const before = await this.alerts.advanceClock(new Date(due));
    if (!before) return [];
    const first = Math.max(before.getTime() + HOUR_MS, due - (CATCH_UP_HOURS - 1) * HOUR_MS);
    const creators = await this.series.activeCreators(new Date(first - BASELINE_WEEKS * WEEK_MS), new Date(due + HOUR_MS));
    const raised: Alert[] = [];
    for (let hour = first; hour <= due; hour += HOUR_MS) {
      for (const creatorId of creators) raised.push(...(await this.judge(creatorId, hour)));
    }
    return raised;
  }

  /**
   * Hours the rollup has just changed: those that ended more than the grace period ago were judged
   * already (or skipped as due), so their late events make them judged again.
   */
  async judgeLateHours(changed: { creatorId: string; hours: Date[] }[], now: number): Promise<Alert[]> {
    const raised: Alert[] = [];
    for (const { creatorId, hours } of changed) {
      for (const hour of hours) {
        if (hour.getTime() + HOUR_MS + JUDGE_GRACE_MS <= now) raised.push(...(await this.judge(creatorId, hour.getTime())));
      }
    }
    return raised;
  }

  /** Judges one creator's hour; answers the alerts it raised (an hour joining an alert raises none). */
  async judge(creatorId: string, hour: number): Promise<Alert[]> {
    const settings = await this.alerts.settings(creatorId);
    if (!settings.enabled || settings.kinds.length === 0) return [];
    const clock = ZoneClock.of((await this.creators.timeZoneOf(creatorId)) ?? 'UTC');
    const weeksBefore = (at: number, weeks: number): number => {
      const local = at + clock.offsetAt(at) - weeks * WEEK_MS;
      // rollups are by UTC hour: a half-hour DST change lands on the hour that holds it
      return Math.floor((local - clock.offsetAt(local - clock.offsetAt(at))) / HOUR_MS) * HOUR_MS;
    };
    const baselineHours = Array.from({ length: BASELINE_WEEKS }, (_, k) => weeksBefore(hour, k + 1));
    const links = await this.series.busyLinks(
      creatorId,
      [hour, ...baselineHours].map((h) => new Date(h)),
      settings.minVolume,
    );
    const from = weeksBefore(hour - WEEK_MS, BASELINE_WEEKS) - DAY_MS;
    const rows = await this.series.totals(creatorId, links, new Date(from), new Date(hour + HOUR_MS));
    const scopes = [null, ...links];
    const detections = new Map<string | null, Detection[]>();
    for (const linkId of scopes) {
      const scopeRows = rows.filter((row) => row.linkId === linkId);
      if (scopeRows.length === 0) continue;
      // weeks before the scope's first day with data are no history, not zeros
      const since = Math.floor(Math.min(...scopeRows.map((row) => row.hour)) / DAY_MS) * DAY_MS;
      const inputs = Object.fromEntries(
        (Object.keys(METRICS) as AlertMetric[]).map((metric) => {
          const counts = new Map(scopeRows.map((row) => [row.hour, row[METRICS[metric]]]));
          const series: HourlySeries = { countAt: (h) => counts.get(h) ?? 0, weeksBefore, since };
          return [metric, detectorInput(series, hour)];
        }),
      );
      const found = detect(inputs, settings).filter((detection) => settings.kinds.includes(detection.kind));
      detections.set(linkId, found);
    }
    const creatorKinds = new Set((detections.get(null) ?? []).map((detection) => detection.kind));
    const raised: Alert[] = [];
    for (const [linkId, found] of detections) {
      for (const detection of found) {
        if (linkId !== null && creatorKinds.has(detection.kind)) continue;
        const alert = await this.record(creatorId, linkId, hour, detection, baselineHours, settings);
        if (alert) raised.push(alert);
      }
    }
    return raised;
  }

  private async record(
    creatorId: string,
    linkId: string | null,
    hour: number,
    detection: Detection,
    baselineHours: number[],
    settings: AlertSettings,
  ): Promise<Alert | null> {
    const main = detection.verdicts[0];
    const alert: NewAlert = {
      id: uuidV7(hour),
      creatorId,
      linkId,
      kind: detection.kind,
      firstHour: new Date(hour),
      lastHour: new Date(hour),
      peakHour: new Date(hour),
      peak: detection.verdicts.map(({ metric, value, expected, score }) => ({
        metric,
        value,
        expected: round(expected),
        score: round(score),
      })),
      drivers: await this.driversOf(creatorId, linkId, hour, baselineHours.slice(0, main.weeks), detection),
    };
    const gap = (EPISODE_GAP_HOURS + 1) * HOUR_MS;
    const created = await this.alerts.record(
      alert,
      (near) => {
        const episode = episodeOf(
          near.map((row) => ({ ...row, firstHour: row.firstHour.getTime(), lastHour: row.lastHour.getTime() })),
          hour,
        );
        return episode ? { id: episode.id, strongerPeak: Math.abs(main.score) > Math.abs(episode.peak[0]?.score ?? 0) } : null;
      },
      new Date(hour - gap),
      new Date(hour + gap),
    );
    if (created)
      this.logger.log(
        `${detection.kind} for creator ${creatorId}${linkId ? ` link ${linkId}` : ''} at ${new Date(hour).toISOString()} (threshold ${settings.threshold})`,
      );
    return created;
  }

  private async driversOf(
    creatorId: string,
    linkId: string | null,
    hour: number,
    baselineHours: number[],
    detection: Detection,
  ): Promise<AlertDriver[]> {
    const main = detection.verdicts[0];
    const dimensions: BreakdownDimension[] = [
      ...DRIVER_DIMENSIONS.filter((d) => linkId === null || d !== 'link'),
      ...(main.metric === 'bot_hits' ? ['bot' as const] : []),
    ];
    const rows = await this.series.breakdown(
      creatorId,
      linkId,
      [hour, ...baselineHours].map((h) => new Date(h)),
      dimensions,
    );
    const field = METRICS[main.metric];
    const histories: DimensionHistory[] = dimensions.map((dimension) => {
      const countsAt = (at: number): Record<string, number> =>
        Object.fromEntries(
          rows
            .filter((row) => row.dimension === dimension && row.hour === at && row[field] > 0)
            .map((row) => [row.value, row[field]]),
        );
      return { dimension, current: countsAt(hour), weeks: baselineHours.map(countsAt) };
    });
    const drivers: AlertDriver[] = driversOf(main, histories);
    const labels = await this.links.labels(
      creatorId,
      drivers.filter((d) => d.dimension === 'link').map((d) => d.value),
    );
    return drivers.map((driver) => {
      const label = driver.dimension === 'link' ? labels.get(driver.value) : undefined;
      return label ? { ...driver, label: label.title ?? `/${label.slug}` } : driver;
    });
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
