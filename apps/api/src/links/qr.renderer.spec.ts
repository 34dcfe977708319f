import { afterEach, describe, expect, it } from '@jest/globals';
import { QrRenderer } from './qr.renderer.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('QrRenderer', () => {
  let renderer: QrRenderer;
  afterEach(() => renderer.onApplicationShutdown());

  it('draws the largest PNG in a worker: the event loop stays idle meanwhile', async () => {
    renderer = new QrRenderer();
    const before = performance.eventLoopUtilization();
    const pngs = await Promise.all(
      [2048, 2047, 2046].map((size) => renderer.render('https://lnk.example/abc?qr=1', 'png', size)),
    );
    // the share of the wait the event loop itself was busy: drawn on it, this would be close to 1
    // (each PNG holds it for about a second); a busy machine slows both sides, not the share
    const { utilization } = performance.eventLoopUtilization(before);
    for (const png of pngs) expect((png as Buffer).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(utilization).toBeLessThan(0.5);
  }, 30_000);

  it('answers the same code and size from its cache, and says when a render would draw', async () => {
    renderer = new QrRenderer();
    expect(renderer.wouldDraw('https://lnk.example/a?qr=1', 'png', 256)).toBe(true);
    const first = await renderer.render('https://lnk.example/a?qr=1', 'png', 256);
    expect(renderer.wouldDraw('https://lnk.example/a?qr=1', 'png', 256)).toBe(false);
    expect(await renderer.render('https://lnk.example/a?qr=1', 'png', 256)).toBe(first);
    expect(renderer.wouldDraw('https://lnk.example/a?qr=1', 'png', 257)).toBe(true);
    expect(renderer.wouldDraw('https://lnk.example/a?qr=1', 'svg', 256)).toBe(false);
    expect(String(await renderer.render('https://lnk.example/a?qr=1', 'svg', 256))).toMatch(/^<svg/);
  }, 30_000);

  it('lets 16 renders wait for the worker, and answers 503 to more at once', async () => {
    renderer = new QrRenderer();
    const renders = Array.from({ length: 17 }, (_, i) =>
      renderer.render(`https://lnk.example/${i}?qr=1`, 'png', 64).then(
        () => 'drawn',
        (error: { status?: number }) => error.status,
      ),
    );
    const outcomes = await Promise.all(renders);
    expect(outcomes.filter((outcome) => outcome === 'drawn')).toHaveLength(16);
    expect(outcomes[16]).toBe(503);
  }, 30_000);
});
