import type { ProfileTheme } from '../../lib/api/types';

/** How each profile theme looks, for the picker swatches and the in-dashboard preview. */
export interface ThemeLook {
  label: string;
  background: string;
  text: string;
  muted: string;
  button: string;
  buttonText: string;
  buttonBorder: string;
}

export const THEME_LOOKS: Record<ProfileTheme, ThemeLook> = {
  light: {
    label: 'Light',
    background: '#f8fafc',
    text: '#0f172a',
    muted: '#475569',
    button: '#ffffff',
    buttonText: '#0f172a',
    buttonBorder: '#e2e8f0',
  },
  dark: {
    label: 'Dark',
    background: '#0b1020',
    text: '#f1f5f9',
    muted: '#94a3b8',
    button: '#1e253a',
    buttonText: '#f1f5f9',
    buttonBorder: '#2c3550',
  },
  sunset: {
    label: 'Sunset',
    background: 'linear-gradient(165deg, #ff9a76 0%, #f76b8a 55%, #a855f7 100%)',
    text: '#ffffff',
    muted: 'rgba(255,255,255,0.85)',
    button: 'rgba(255,255,255,0.92)',
    buttonText: '#7a1f4b',
    buttonBorder: 'transparent',
  },
  ocean: {
    label: 'Ocean',
    background: 'linear-gradient(165deg, #0ea5e9 0%, #2563eb 60%, #1e3a8a 100%)',
    text: '#ffffff',
    muted: 'rgba(255,255,255,0.85)',
    button: 'rgba(255,255,255,0.14)',
    buttonText: '#ffffff',
    buttonBorder: 'rgba(255,255,255,0.45)',
  },
  forest: {
    label: 'Forest',
    background: 'linear-gradient(165deg, #14532d 0%, #166534 50%, #3f6212 100%)',
    text: '#f0fdf4',
    muted: 'rgba(240,253,244,0.8)',
    button: '#f0fdf4',
    buttonText: '#14532d',
    buttonBorder: 'transparent',
  },
};
