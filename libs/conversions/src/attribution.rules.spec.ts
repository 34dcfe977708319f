import { describe, expect, it } from '@jest/globals';
import { uuidV7 } from '@app/common';
import { clickTimeOf, isWithinWindow } from './attribution.rules.js';

const DAY_MS = 86_400_000;

describe('clickTimeOf', () => {
  it('reads the capture time back from a capture id', () => {
    const at = Date.UTC(2026, 2, 29, 1, 30, 15, 123);
    expect(clickTimeOf(uuidV7(at))?.getTime()).toBe(at);
  });

  it('is null for anything that is not a UUID v7', () => {
    expect(clickTimeOf('6f1c2a9e-3b4d-4c5e-8f60-718293a4b5c6')).toBeNull();
    expect(clickTimeOf('not-a-click')).toBeNull();
    expect(clickTimeOf('')).toBeNull();
  });
});

describe('isWithinWindow', () => {
  const click = new Date(Date.UTC(2026, 0, 1));

  it('takes conversions up to the last millisecond of the window', () => {
    expect(isWithinWindow(click, click.getTime(), 90)).toBe(true);
    expect(isWithinWindow(click, click.getTime() + 90 * DAY_MS, 90)).toBe(true);
    expect(isWithinWindow(click, click.getTime() + 90 * DAY_MS + 1, 90)).toBe(false);
  });

  it('allows a few minutes of clock skew between replicas, not a conversion long before its click', () => {
    expect(isWithinWindow(click, click.getTime() - 60_000, 90)).toBe(true);
    expect(isWithinWindow(click, click.getTime() - DAY_MS, 90)).toBe(false);
  });
});
