import { describe, expect, it } from '@jest/globals';
import type { StepRow } from './journeys.repository.js';
import { buildVisits, segmentOf, visitId } from './visit.builder.js';

const T = Date.UTC(2026, 2, 29, 10, 0);
const row = (visit: number, type: StepRow['type'], minute: number, fields: Partial<StepRow> = {}): StepRow => ({
  visit,
  type,
  at: new Date(T + minute * 60_000),
  clickAt: null,
  linkId: type === 'view' ? null : 'link-a',
  source: 'instagram',
  country: 'DE',
  device: 'mobile',
  browser: 'Instagram',
  os: 'iOS',
  eventName: null,
  amount: null,
  currency: null,
  ...fields,
});

describe('segmentOf', () => {
  it('is the furthest step: converted over clicked over viewed', () => {
    expect(segmentOf(['view'])).toBe('viewed');
    expect(segmentOf(['view', 'click', 'click'])).toBe('clicked');
    expect(segmentOf(['click', 'sale'])).toBe('converted');
    expect(segmentOf(['view', 'lead'])).toBe('converted');
  });
});

describe('buildVisits', () => {
  const places = [
    { visitorId: 'v1', day: '2026-03-29' },
    { visitorId: 'v2', day: '2026-03-29' },
  ];

  it('orders each visit’s steps, names links, and keeps the places’ order', () => {
    const rows = [
      row(1, 'view', 5, { source: 'tiktok', country: 'US' }),
      row(0, 'click', 2, { linkId: 'link-b', source: 'profile' }),
      row(0, 'view', 1),
      row(0, 'sale', 3, { clickAt: new Date(T + 2 * 60_000), eventName: 'Purchase', amount: '4900', currency: 'EUR' }),
    ];
    const visits = buildVisits(places, rows, new Map([['link-b', 'Shop (/shop)']]));
    expect(visits.map((visit) => [visit.id, visit.segment, visit.source, visit.country])).toEqual([
      [visitId(places[0]), 'converted', 'instagram', 'DE'],
      [visitId(places[1]), 'viewed', 'tiktok', 'US'],
    ]);
    expect(visits[0].steps).toEqual([
      { type: 'view', at: new Date(T + 60_000).toISOString(), linkId: null, link: null, source: 'instagram' },
      { type: 'click', at: new Date(T + 120_000).toISOString(), linkId: 'link-b', link: 'Shop (/shop)', source: 'profile' },
      {
        type: 'sale',
        at: new Date(T + 180_000).toISOString(),
        linkId: 'link-a',
        link: null,
        source: 'instagram',
        eventName: 'Purchase',
        amount: 4900,
        currency: 'EUR',
      },
    ]);
    expect([visits[0].start, visits[0].end]).toEqual([new Date(T + 60_000).toISOString(), new Date(T + 180_000).toISOString()]);
  });

  it('places a conversion whose clock ran behind after its click', () => {
    const rows = [row(0, 'lead', 1, { clickAt: new Date(T + 2 * 60_000), eventName: 'Sign up' }), row(0, 'click', 2)];
    const [visit] = buildVisits(places.slice(0, 1), rows, new Map());
    expect(visit.steps.map((step) => step.type)).toEqual(['click', 'lead']);
    expect(visit.start).toBe(new Date(T + 60_000).toISOString());
  });

  it('gives no visit for a place without steps', () => {
    expect(buildVisits(places, [row(1, 'view', 0)], new Map()).map((visit) => visit.id)).toEqual([visitId(places[1])]);
  });
});
