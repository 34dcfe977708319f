import { describe, expect, it } from '@jest/globals';
import { ClickFloodDetector, FLOOD_WINDOW_MS } from './click-flood.detector.js';

const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const CRAWLER = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

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
  for (let i = 0; i < count; i++)
    if (detector.isFlood(address, BROWSER, target, start + Math.floor((i * overMs) / count))) floods++;
  return floods;
}

describe('ClickFloodDetector', () => {
  it('lets 30 clicks a minute from one address count, and marks every one after', () => {
    const detector = new ClickFloodDetector(30);
    const marks = Array.from({ length: 40 }, (_, i) => detector.isFlood('198.51.100.4', BROWSER, LINK, T0 + i * 100));
    expect(marks.slice(0, 30).every((flood) => !flood)).toBe(true);
    expect(marks.slice(30).every((flood) => flood)).toBe(true);
  });

  it('never marks a viral burst: 10,000 clicks in a minute from 5,000 addresses', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let i = 0; i < 10_000; i++) {
      const address = `10.${(i % 5000) >> 8}.${i % 256}.7`;
      if (detector.isFlood(address, BROWSER, LINK, T0 + i * 6)) floods++;
    }
    expect(floods).toBe(0);
  });

  it('counts each link apart: one visitor clicking 20 links twice is no flood', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let round = 0; round < 2; round++)
      for (let link = 0; link < 20; link++)
        if (detector.isFlood('198.51.100.4', BROWSER, `link-${link}`, T0 + round * 1000 + link)) floods++;
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
    expect(detector.isFlood('198.51.100.4', BROWSER, LINK, T0 + 2 * FLOOD_WINDOW_MS + 1)).toBe(false);
  });

  it('does not let a burst straddling two windows through', () => {
    const detector = new ClickFloodDetector(30);
    detector.isFlood('198.51.100.4', BROWSER, LINK, T0);
    // 29 more just before the first window ends, then 29 just after it: 59 within a few seconds
    const before = burst(detector, '198.51.100.4', 29, T0 + FLOOD_WINDOW_MS - 2000, 1000);
    const after = burst(detector, '198.51.100.4', 29, T0 + FLOOD_WINDOW_MS + 1000, 1000);
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(25);
  });

  it('counts an IPv6 client by its /48: 40 addresses of one /48 are one client', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    for (let i = 0; i < 40; i++) if (detector.isFlood(`2001:db8:1:${(i + 1).toString(16)}::7`, BROWSER, LINK, T0 + i)) floods++;
    expect(floods).toBe(10);
    expect(detector.isFlood('2001:db8:2::7', BROWSER, LINK, T0 + 50)).toBe(false);
  });

  it('counts an IPv4-mapped IPv6 address, dotted or in hex, as its IPv4 address', () => {
    const detector = new ClickFloodDetector(30);
    let floods = 0;
    const forms = ['198.51.100.4', '::ffff:198.51.100.4', '::ffff:c633:6404'];
    for (let i = 0; i < 45; i++) if (detector.isFlood(forms[i % 3], BROWSER, LINK, T0 + i)) floods++;
    expect(floods).toBe(15);
  });

  it('counts only human-looking hits: 31 crawler hits from a shared address do not make the next visitor a flood', () => {
    const detector = new ClickFloodDetector(30);
    for (let i = 0; i < 100; i++) expect(detector.isFlood('198.51.100.4', CRAWLER, LINK, T0 + i)).toBe(false);
    for (let i = 0; i < 100; i++) expect(detector.isFlood('198.51.100.4', '', LINK, T0 + 100 + i)).toBe(false);
    expect(burst(detector, '198.51.100.4', 30, T0 + 1000, 1000)).toBe(0);
    expect(detector.isFlood('198.51.100.4', BROWSER, LINK, T0 + 2500)).toBe(true);
  });

  it('is off with a limit of 0', () => {
    const detector = new ClickFloodDetector(0);
    expect(burst(detector, '198.51.100.4', 1000, T0, 1000)).toBe(0);
    expect(detector.size).toBe(0);
  });

  it('stays bounded: the oldest pairs are forgotten, quiet pairs swept', () => {
    const detector = new ClickFloodDetector(30, 1000);
    for (let i = 0; i < 5000; i++) detector.isFlood(`10.0.${i >> 8}.${i & 255}`, BROWSER, LINK, T0);
    expect(detector.size).toBe(1000);
    detector.sweep(T0 + 2 * FLOOD_WINDOW_MS);
    expect(detector.size).toBe(0);
  });
});
