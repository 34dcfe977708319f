import { describe, expect, it } from '@jest/globals';
import { ClickFloodDetector, clientOf, FLOOD_WINDOW_MS } from './click-flood.detector.js';

const LINK = 'link-1';
const T0 = 1_700_000_000_000;

/** Hits from one address, `count` of them spread evenly from `start` over `overMs`; how many were floods. */
function burst(
  detector: ClickFloodDetector,
  address: string,
  count: number,
  start: number,
  overMs: number,
  target = LINK,
): number {
  let floods = 0;
  for (let i = 0; i < count; i++) if (detector.isFlood(address, target, start + Math.floor((i * overMs) / count))) floods++;
  return floods;
}

describe('ClickFloodDetector', () => {
  it('lets 30 clicks a minute from one address count, and marks every one after', () => {
    const detector = new ClickFloodDetector(30);
    const marks = Array.from({ length: 40 }, (_, i) => detector.isFlood('198.51.100.4', LINK, T0 + i * 100));
    expect(marks.slice(0, 30).every((flood) => !flood)).toBe(true);
    expect(marks.slice(30).every((flood) => flood)).toBe(true);
  });

  it('never marks a viral burst: 10,000 clicks in a minute from 5,000 addresses', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let i = 0; i < 10_000; i++) {
      const address = `10.${(i % 5000) >> 8}.${i % 256}.7`;
      if (detector.isFlood(address, LINK, T0 + i * 6)) floods++;
    }
    expect(floods).toBe(0);
  });

  it('counts each link apart: one visitor clicking 20 links twice is no flood', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let round = 0; round < 2; round++)
      for (let link = 0; link < 20; link++)
        if (detector.isFlood('198.51.100.4', `link-${link}`, T0 + round * 1000 + link)) floods++;
    expect(floods).toBe(0);
  });

  it('slides: a steady 25 a minute is never marked; of a steady 60 a minute only the first 30 count', () => {
    const calm = new ClickFloodDetector(30);
    expect(burst(calm, '198.51.100.4', 25 * 10, T0, 10 * FLOOD_WINDOW_MS)).toBe(0);
    // marked hits count too: a client that keeps flooding stays marked, it does not earn 30 a minute
    const busy = new ClickFloodDetector(30);
    expect(burst(busy, '198.51.100.5', 60 * 10, T0, 10 * FLOOD_WINDOW_MS)).toBe(600 - 30);
  });

  it('forgives once the client calms down for a minute', () => {
    const detector = new ClickFloodDetector(30);
    expect(burst(detector, '198.51.100.4', 100, T0, 1000)).toBe(70);
    expect(detector.isFlood('198.51.100.4', LINK, T0 + 2 * FLOOD_WINDOW_MS + 1)).toBe(false);
  });

  it('does not let a burst straddling two windows through', () => {
    const detector = new ClickFloodDetector(30);
    detector.isFlood('198.51.100.4', LINK, T0);
    // 29 more just before the first window ends, then 29 just after it: 59 within a few seconds
    const before = burst(detector, '198.51.100.4', 29, T0 + FLOOD_WINDOW_MS - 2000, 1000);
    const after = burst(detector, '198.51.100.4', 29, T0 + FLOOD_WINDOW_MS + 1000, 1000);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(25);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let i = 0; i < 40; i++) if (detector.isFlood(`2001:db8:1:2::${(i + 1).toString(16)}`, LINK, T0 + i)) floods++;
    expect(floods).toBe(10);
    expect(clientOf('2001:DB8:0001:0002:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientOf('::1')).toBe('0:0:0:0::/64');
    expect(clientOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('is off with a limit of 0', () => {
    const detector = new ClickFloodDetector(0);
    expect(burst(detector, '198.51.100.4', 1000, T0, 1000)).toBe(0);
    expect(detector.size).toBe(0);
  });

  it('stays bounded: the oldest pairs are forgotten, quiet pairs swept', () => {
    const detector = new ClickFloodDetector(30, 1000);
    for (let i = 0; i < 5000; i++) detector.isFlood(`10.0.${i >> 8}.${i & 255}`, LINK, T0);
    expect(detector.size).toBe(1000);
    detector.sweep(T0 + 2 * FLOOD_WINDOW_MS);
    expect(detector.size).toBe(0);
  });
});
