/**
 * Emoji are written in Noto Emoji (monochrome, OFL-1.1, npm `@fontsource/noto-emoji`): Helvetica and DejaVu Sans have
 * none, so a "👍" or "🚨" in a comment or an agenda item came out as "?". pdfkit embeds it as a subset, and only in a
 * document that shows an emoji; the font is read only once a text has a character the other fonts lack.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

// The package's file that covers every emoji (the numbered files are unicode-range slices for browsers, and a
// sequence whose parts sit in two slices could not be drawn as one glyph). WOFF, not WOFF2: fontkit 2.0.4 fails to
// subset the WOFF2 file's composite glyphs (a RangeError when pdfkit writes the font at the end of the document).
const FILE = '@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff';

/** The name the emoji font is registered under in each document. */
export const EMOJI_FONT = 'Emoji';

/** Advance of an emoji in em: Noto Emoji draws each one, sequences included, 2600/2048 em wide. */
export const EMOJI_EM = 2600 / 2048;

const PICTURE = '\\p{Extended_Pictographic}';
// What may follow a pictograph inside one emoji: skin tones, the emoji variation selector, tags (subdivision flags).
// Bounded, as the joins below: the longest real emoji has 7 tags or 3 joins, and an unbounded pasted chain would be
// one unbreakable "word" that pdfkit re-measures for every line it wraps (quadratic).
const MODIFIERS = '[\\u{1F3FB}-\\u{1F3FF}\\uFE0F\\u{E0020}-\\u{E007F}]{0,8}';

/**
 * One emoji as written (a regular-expression source, for the u flag): a keycap, a flag (two regional indicators), or
 * a pictograph with its modifiers and anything joined to it by ZWJ. The font draws the known ones as one glyph.
 */
export const EMOJI_SEQUENCE = `[#*0-9]\\uFE0F?\\u20E3|\\p{Regional_Indicator}{2}|${PICTURE}${MODIFIERS}(?:\\u200D${PICTURE}${MODIFIERS}){0,4}`;

const EMOJI_STYLE = /^\p{Emoji_Presentation}/u;
const EMOJI_AT = new RegExp(EMOJI_SEQUENCE, 'uy');

const requireHere = createRequire(import.meta.url);

/** The font file's path, or null where the font package is not installed (emoji then read "?" as before). */
function fontPath(): string | null {
  try {
    return requireHere.resolve(FILE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Not exported: a version of the package that no longer ships this file.
    if (code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return null;
    throw err;
  }
}

let path: string | null | undefined;
let coverage: Font | null | undefined;
const known = new Map<number, boolean>();
const MAX_KNOWN = 10_000;

/** Registers the emoji font on a document: pdfkit reads the file only when the font is first used. */
export function registerEmojiFont(pdf: PDFKit.PDFDocument): void {
  path ??= fontPath();
  if (path) pdf.registerFont(EMOJI_FONT, path);
}

/** Whether the emoji font has a glyph for this code point (false when the font package is missing). */
export function emojiHas(codePoint: number): boolean {
  let has = known.get(codePoint);
  if (has === undefined) {
    path ??= fontPath();
    // Parsed once per process, on the first character that neither Helvetica nor DejaVu Sans has, or the first emoji.
    coverage ??= path ? create(readFileSync(path)) : null;
    has = coverage?.hasGlyphForCodePoint(codePoint) ?? false;
    if (known.size < MAX_KNOWN) known.set(codePoint, has);
  }
  return has;
}

/**
 * Whether a match of EMOJI_SEQUENCE is written in the emoji font as a whole: it asks for emoji style (a variation
 * selector, a skin tone, a keycap, a flag, a ZWJ sequence, or a character shown as emoji by default, like ✅) and the
 * font has its first character. A lone "©" or "❤" stays text, in the font that writes it today.
 */
export function writtenAsEmoji(sequence: string): boolean {
  const first = sequence.codePointAt(0) ?? 0;
  const single = sequence.length === (first > 0xffff ? 2 : 1);
  return (!single || EMOJI_STYLE.test(sequence)) && emojiHas(first);
}

/** Cuts text written in the emoji font into pieces of at most `perPiece` emoji, never inside one (a flag or a ZWJ sequence). */
export function* emojiPieces(text: string, perPiece: number): Generator<string, void, undefined> {
  let start = 0;
  let count = 0;
  let at = 0;
  while (at < text.length) {
    if (count === perPiece) {
      yield text.slice(start, at);
      start = at;
      count = 0;
    }
    EMOJI_AT.lastIndex = at;
    // Text in this font is emoji sequences, or single characters only it has (a lone skin tone or regional indicator).
    at = EMOJI_AT.test(text) ? EMOJI_AT.lastIndex : at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
    count++;
  }
  if (start < text.length || start === 0) yield text.slice(start);
}
