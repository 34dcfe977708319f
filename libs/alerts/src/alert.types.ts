import type { AlertKind, AlertMetric, Driver } from './anomaly.detector.js';

export const ALERT_KINDS: readonly AlertKind[] = ['spike', 'drop', 'bot_surge'];

/** A creator's alert settings (GET|PUT /alert-settings). */
export interface AlertSettings {
  enabled: boolean;
  /** robust deviations from the baseline that make an anomaly */
  threshold: number;
  /** a spike needs this many in the hour, a drop this many expected */
  minVolume: number;
  kinds: AlertKind[];
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { enabled: true, threshold: 3, minVolume: 20, kinds: [...ALERT_KINDS] };

/** One metric of the alert's peak hour against its baseline. */
export interface PeakMetric {
  metric: AlertMetric;
  value: number;
  expected: number;
  /** robust deviations */
  score: number;
}

/** A driver as stored: a link's value carries its slug and title to be shown. */
export interface AlertDriver extends Driver {
  label?: string;
}

export interface Alert {
  id: string;
  creatorId: string;
  /** null: the creator's whole traffic */
  linkId: string | null;
  /** the link's slug (for a link's alert) */
  linkLabel: string | null;
  kind: AlertKind;
  firstHour: Date;
  lastHour: Date;
  peakHour: Date;
  /** the metrics of the peak hour, the one that named the alert first */
  peak: PeakMetric[];
  drivers: AlertDriver[];
  readAt: Date | null;
  createdAt: Date;
}

export type NewAlert = Omit<Alert, 'readAt' | 'createdAt' | 'linkLabel'>;

/** An alert as the API answers it and webhooks carry it. */
export function alertJson(alert: Alert) {
  return {
    id: alert.id,
    kind: alert.kind,
    linkId: alert.linkId,
    linkSlug: alert.linkLabel,
    firstHour: alert.firstHour.toISOString(),
    lastHour: alert.lastHour.toISOString(),
    peakHour: alert.peakHour.toISOString(),
    peak: alert.peak,
    drivers: alert.drivers,
    read: alert.readAt !== null,
    createdAt: alert.createdAt.toISOString(),
  };
}
