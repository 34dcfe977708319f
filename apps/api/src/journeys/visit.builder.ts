import type { JourneyStep, Segment, StepType, Visit } from '@app/common';
import type { StepRow } from './journeys.repository.js';

/** A visit to build: its visitor id over one day of the zone, labelled. */
export interface VisitPlace {
  visitorId: string;
  /** YYYY-MM-DD in the zone asked */
  day: string;
}

const RANK: Record<StepType, number> = { view: 0, click: 1, lead: 2, sale: 3 };

/** Opaque and stable for the same visitor id and day. */
export function visitId(place: VisitPlace): string {
  return Buffer.from(`${place.day}|${place.visitorId}`).toString('base64url');
}

/** The furthest a visit went: a lead or sale, else a click, else a profile view. */
export function segmentOf(types: Iterable<StepType>): Segment {
  let furthest: Segment = 'viewed';
  for (const type of types) {
    if (type === 'lead' || type === 'sale') return 'converted';
    if (type === 'click') furthest = 'clicked';
  }
  return furthest;
}

/**
 * When a step happened, for ordering: a conversion is placed no earlier than its click (the
 * tracking API's clock may run a little behind the redirect's), then views before clicks before
 * leads before sales at one instant.
 */
function orderOf(row: StepRow): [number, number, string] {
  const at = row.at.getTime();
  return [row.clickAt ? Math.max(at, row.clickAt.getTime()) : at, RANK[row.type], row.linkId ?? ''];
}

function compareRows(a: StepRow, b: StepRow): number {
  const [atA, rankA, linkA] = orderOf(a);
  const [atB, rankB, linkB] = orderOf(b);
  return atA - atB || rankA - rankB || (linkA < linkB ? -1 : linkA > linkB ? 1 : 0);
}

export function stepOf(row: StepRow, labels: Map<string, string>): JourneyStep {
  const conversion = row.type === 'lead' || row.type === 'sale';
  return {
    type: row.type,
    at: row.at.toISOString(),
    linkId: row.linkId,
    link: row.linkId === null ? null : (labels.get(row.linkId) ?? null),
    source: row.source,
    ...(conversion && row.eventName !== null ? { eventName: row.eventName } : {}),
    ...(row.type === 'sale' && row.amount !== null ? { amount: Number(row.amount), currency: row.currency ?? '' } : {}),
  };
}

/**
 * The visits of `places` from their step rows (`row.visit` indexes `places`), in the order of
 * `places`; a place without rows gives no visit. Link labels by link id.
 */
export function buildVisits(places: VisitPlace[], rows: StepRow[], labels: Map<string, string>): Visit[] {
  const byVisit = places.map((): StepRow[] => []);
  for (const row of rows) byVisit[row.visit]?.push(row);
  const visits: Visit[] = [];
  places.forEach((place, i) => {
    const steps = byVisit[i].sort(compareRows);
    if (steps.length === 0) return;
    const first = steps.find((row) => row.type === 'view' || row.type === 'click') ?? steps[0];
    visits.push({
      id: visitId(place),
      day: place.day,
      start: new Date(Math.min(...steps.map((row) => row.at.getTime()))).toISOString(),
      end: new Date(Math.max(...steps.map((row) => row.at.getTime()))).toISOString(),
      segment: segmentOf(steps.map((row) => row.type)),
      source: first.source ?? 'unknown',
      country: first.country ?? 'unknown',
      device: first.device ?? 'unknown',
      browser: first.browser ?? 'unknown',
      os: first.os ?? 'unknown',
      steps: steps.map((row) => stepOf(row, labels)),
    });
  });
  return visits;
}

/** The link ids named by step rows. */
export function linkIdsOf(rows: { linkId: string | null }[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.linkId === null ? [] : [row.linkId])))];
}
