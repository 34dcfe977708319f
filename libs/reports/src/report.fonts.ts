import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/** Inter (SIL OFL), from the npm package @expo-google-fonts/inter, embedded as subsets. */
const FACES = {
  regular: '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  medium: '@expo-google-fonts/inter/500Medium/Inter_500Medium.ttf',
  semibold: '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  bold: '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
} as const;

export type FontFace = keyof typeof FACES;

interface LoadedFonts {
  files: Record<FontFace, Buffer>;
  coverage: fontkit.Font;
}

let loaded: LoadedFonts | undefined;

function fonts(): LoadedFonts {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const files = Object.fromEntries(
      Object.entries(FACES).map(([face, path]) => [face, readFileSync(require.resolve(path))]),
    ) as Record<FontFace, Buffer>;
    loaded = { files, coverage: fontkit.create(files.regular) };
  }
  return loaded;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [face, file] of Object.entries(fonts().files)) doc.registerFont(face, file);
}

/**
 * The text without the characters Inter cannot draw (emoji in link titles, CJK names…), which
 * would otherwise print as empty boxes; runs of spaces left behind collapse to one.
 */
export function printable(text: string): string {
  const { coverage } = fonts();
  return Array.from(text)
    .filter((ch) => /\s/.test(ch) || coverage.hasGlyphForCodePoint(ch.codePointAt(0)!))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
