/** The themes of a creator's public page. */
export const PROFILE_THEMES = ['light', 'dark', 'sunset', 'ocean', 'forest'] as const;
export type ProfileTheme = (typeof PROFILE_THEMES)[number];

/*
 * One definition for the page at /@username (apps/api/src/pages) and the dashboard's theme picker
 * and preview (web/src/routes/profile), so the preview is the page. Plain data: the dashboard
 * imports this file too.
 */

/** The colours of a profile page theme, as CSS values. */
export interface PageTheme {
  /** its name in the theme picker */
  label: string;
  colorScheme: 'light' | 'dark';
  /** the browser's toolbar on phones */
  themeColor: string;
  background: string;
  /** a solid colour under the background: what shows when a phone over-scrolls */
  base: string;
  text: string;
  muted: string;
  buttonBackground: string;
  buttonText: string;
  buttonBorder: string;
  buttonHover: string;
  buttonShadow: string;
  avatarRing: string;
  avatarBackground: string;
  focus: string;
}

export const PAGE_THEMES: Record<ProfileTheme, PageTheme> = {
  light: {
    label: 'Light',
    colorScheme: 'light',
    themeColor: '#f4f5f7',
    background: 'radial-gradient(120% 60% at 50% 0%, #ffffff 0%, #f4f5f7 60%, #eceef2 100%)',
    base: '#eceef2',
    text: '#111827',
    muted: '#5b6474',
    buttonBackground: '#ffffff',
    buttonText: '#111827',
    buttonBorder: '#dfe3ea',
    buttonHover: '#f7f8fa',
    buttonShadow: '0 1px 2px rgba(17,24,39,.06), 0 4px 14px rgba(17,24,39,.05)',
    avatarRing: '#ffffff',
    avatarBackground: 'linear-gradient(135deg, #6366f1, #ec4899)',
    focus: '#4f46e5',
  },
  dark: {
    label: 'Dark',
    colorScheme: 'dark',
    themeColor: '#0d0f14',
    background: 'radial-gradient(120% 60% at 50% 0%, #1d2230 0%, #11141b 55%, #0d0f14 100%)',
    base: '#0d0f14',
    text: '#f3f4f6',
    muted: '#a1a9b8',
    buttonBackground: '#1a1f2a',
    buttonText: '#f3f4f6',
    buttonBorder: '#2b3242',
    buttonHover: '#222938',
    buttonShadow: '0 1px 2px rgba(0,0,0,.4), 0 6px 18px rgba(0,0,0,.25)',
    avatarRing: '#2b3242',
    avatarBackground: 'linear-gradient(135deg, #6366f1, #22d3ee)',
    focus: '#a5b4fc',
  },
  sunset: {
    label: 'Sunset',
    colorScheme: 'light',
    themeColor: '#ee6a5a',
    background: 'linear-gradient(165deg, #ee6a5a 0%, #d94c6e 40%, #a93a7c 75%, #6f2a75 100%)',
    base: '#6f2a75',
    text: '#ffffff',
    muted: 'rgba(255,255,255,.86)',
    buttonBackground: 'rgba(255,255,255,.94)',
    buttonText: '#7a1d4f',
    buttonBorder: 'rgba(255,255,255,.6)',
    buttonHover: '#ffffff',
    buttonShadow: '0 2px 4px rgba(90,20,60,.12), 0 8px 22px rgba(90,20,60,.18)',
    avatarRing: 'rgba(255,255,255,.85)',
    avatarBackground: 'linear-gradient(135deg, #ffb88c, #c4467c)',
    focus: '#ffffff',
  },
  ocean: {
    label: 'Ocean',
    colorScheme: 'dark',
    themeColor: '#0b4f7c',
    background: 'linear-gradient(170deg, #1b9ad0 0%, #1479b0 40%, #0b4f7c 75%, #07325a 100%)',
    base: '#07325a',
    text: '#ffffff',
    muted: 'rgba(236,248,255,.86)',
    buttonBackground: 'rgba(255,255,255,.95)',
    buttonText: '#0b3d62',
    buttonBorder: 'rgba(255,255,255,.6)',
    buttonHover: '#ffffff',
    buttonShadow: '0 2px 4px rgba(4,30,60,.14), 0 8px 22px rgba(4,30,60,.22)',
    avatarRing: 'rgba(255,255,255,.85)',
    avatarBackground: 'linear-gradient(135deg, #7dd3fc, #1e40af)',
    focus: '#ffffff',
  },
  forest: {
    label: 'Forest',
    colorScheme: 'dark',
    themeColor: '#1f4d36',
    background: 'linear-gradient(170deg, #2f6b4a 0%, #1f4d36 50%, #143324 100%)',
    base: '#143324',
    text: '#f1f8f2',
    muted: 'rgba(226,240,230,.82)',
    buttonBackground: '#f3f7ee',
    buttonText: '#1d4030',
    buttonBorder: 'rgba(243,247,238,.5)',
    buttonHover: '#ffffff',
    buttonShadow: '0 2px 4px rgba(5,25,15,.2), 0 8px 22px rgba(5,25,15,.25)',
    avatarRing: 'rgba(243,247,238,.8)',
    avatarBackground: 'linear-gradient(135deg, #a3c98a, #2f6b4a)',
    focus: '#f3f7ee',
  },
};

/** The first letter of the name, for the avatar placeholder (a whole grapheme: emoji and accents stay intact). */
export function avatarInitial(name: string): string {
  const [first] = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name.trim());
  return first?.segment.toLocaleUpperCase() ?? '';
}
