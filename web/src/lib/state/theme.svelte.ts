/** Light/dark: follows the system unless the user picks one; the choice is kept in localStorage. */
export type ThemeMode = 'system' | 'light' | 'dark';
const KEY = 'linkpulse:theme';

function readMode(): ThemeMode {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

class Theme {
  mode = $state<ThemeMode>(readMode());
  #systemDark = $state(matchMedia('(prefers-color-scheme: dark)').matches);
  dark = $derived(this.mode === 'dark' || (this.mode === 'system' && this.#systemDark));

  constructor() {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => (this.#systemDark = e.matches));
    this.#apply();
  }

  set(mode: ThemeMode): void {
    this.mode = mode;
    try {
      if (mode === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, mode);
    } catch {
      // private mode: the choice lasts for this page only
    }
    this.#apply();
  }

  cycle(): void {
    this.set(this.mode === 'system' ? (this.dark ? 'light' : 'dark') : this.mode === 'dark' ? 'light' : 'dark');
  }

  #apply(): void {
    const root = document.documentElement;
    if (this.mode === 'system') delete root.dataset.theme;
    else root.dataset.theme = this.mode;
  }
}

export const theme = new Theme();
