import { describe, expect, it } from '@jest/globals';
import { printable } from './report.fonts.js';

describe('printable', () => {
  it('keeps what Inter draws: accents, Cyrillic, Greek, arrows', () => {
    expect(printable('Zoë Łukasiewicz — Привет, Γειά ▲▼ €')).toBe('Zoë Łukasiewicz — Привет, Γειά ▲▼ €');
  });

  it('drops emoji and scripts Inter lacks instead of printing empty boxes', () => {
    expect(printable('🔥 Summer sale ✨')).toBe('Summer sale');
    expect(printable('Maya 🇩🇪 さくら')).toBe('Maya');
    expect(printable('👩‍💻 Dev log')).toBe('Dev log');
  });
});
