/**
 * What Helvetica cannot show (the standard PDF fonts encode WinAnsi only: no "≥", "ě", Greek or Cyrillic) is
 * written in DejaVu Sans, embedded as a subset by pdfkit, and only in a document that uses it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

const FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontStyle = keyof typeof FILES;

/** The names the fallback fonts are registered under in each document. */
export const FALLBACK_FONT: Record<FontStyle, string> = {
  regular: 'Fallback',
  bold: 'Fallback-Bold',
  italic: 'Fallback-Oblique',
  boldItalic: 'Fallback-BoldOblique',
  mono: 'Fallback-Mono',
};

const STYLES = Object.keys(FILES) as FontStyle[];
const requireHere = createRequire(import.meta.url);

/** The font files' paths, or null where the font package is not installed (text then falls back to look-alikes). */
function fontPaths(): Record<FontStyle, string> | null {
  try {
    return Object.fromEntries(STYLES.map((s) => [s, requireHere.resolve(`dejavu-fonts-ttf/ttf/${FILES[s]}`)])) as Record<FontStyle, string>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

let paths: Record<FontStyle, string> | null | undefined;
let coverage: Font | null | undefined;
const known = new Map<number, boolean>();
const MAX_KNOWN = 10_000;

/** Registers the fallback fonts on a document: pdfkit reads a file only when its font is first used. */
export function registerFallbackFonts(pdf: PDFKit.PDFDocument): void {
  paths ??= fontPaths();
  if (paths) for (const s of STYLES) pdf.registerFont(FALLBACK_FONT[s], paths[s]);
}

/** Whether the fallback font has a glyph for this code point (the regular face; the others cover nearly the same). */
export function fallbackHas(codePoint: number): boolean {
  let has = known.get(codePoint);
  if (has === undefined) {
    paths ??= fontPaths();
    // Parsed once per process, on the first character Helvetica lacks.
    coverage ??= paths ? create(readFileSync(paths.regular)) : null;
    has = coverage?.hasGlyphForCodePoint(codePoint) ?? false;
    if (known.size < MAX_KNOWN) known.set(codePoint, has);
  }
  return has;
}
