import { describe, expect, it } from '@jest/globals';
import { decodeCaptureBatch, encodeCaptureBatch } from './capture-job.js';
import type { CapturedHit } from './hit.types.js';

const hit = (overrides: Partial<CapturedHit>): CapturedHit => ({
  id: '01a21000-0000-7000-8000-000000000001',
  at: 1_795_000_000_000,
  kind: 'click',
  creatorId: 'c0ffee00-0000-4000-8000-000000000000',
  linkId: '11111111-0000-4000-8000-000000000000',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Instagram 330.0',
  referer: 'https://l.instagram.com/',
  query: 'utm_source=ig',
  via: 'direct',
  hints: {},
  ...overrides,
});

describe('capture batch encoding', () => {
  const hits: CapturedHit[] = [
    hit({}),
    hit({
      id: '01a21000-0000-7000-8000-000000000002',
      at: 1_795_000_000_005,
      via: 'qr',
      query: '',
      hints: { mobile: '?1', platform: '"Android"' },
      language: 'de-DE,de;q=0.9,en;q=0.8',
    }),
    hit({ id: '01a21000-0000-7000-8000-000000000003', kind: 'view', linkId: null, referer: '', flood: true }),
  ];

  it('decodes to exactly the hits it encoded', () => {
    const decoded = decodeCaptureBatch(JSON.parse(JSON.stringify(encodeCaptureBatch('batch-1', hits))));
    expect(decoded).toEqual(hits);
  });

  it('decodes rows written before the language column existed', () => {
    const encoded = encodeCaptureBatch('batch-1', [hits[0]]);
    const old = { ...encoded, hits: encoded.hits.map((row) => row.slice(0, 16)) };
    expect(decodeCaptureBatch(old)).toEqual([hits[0]]);
  });

  it('cuts an oversized user agent, referrer and query', () => {
    const [decoded] = decodeCaptureBatch(
      encodeCaptureBatch('batch-1', [hit({ userAgent: 'u'.repeat(5000), referer: 'r'.repeat(5000), query: 'q'.repeat(9000) })]),
    );
    expect([decoded.userAgent.length, decoded.referer.length, decoded.query.length]).toEqual([1024, 2048, 4096]);
  });

  it('stores each shared string once and is much smaller than plain JSON', () => {
    const encoded = encodeCaptureBatch(
      'batch-1',
      Array.from({ length: 250 }, (_, i) => hit({ id: `01a21000-0000-7000-8000-${String(i).padStart(12, '0')}` })),
    );
    expect(encoded.strings.filter((s) => s.startsWith('Mozilla'))).toHaveLength(1);
    expect(JSON.stringify(encoded).length).toBeLessThan(
      JSON.stringify({ hits: [] }).length + 0.4 * JSON.stringify(encoded.hits.map(() => hits[0])).length,
    );
  });
});
