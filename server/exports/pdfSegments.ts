/**
 * Which font writes each stretch of a text in a PDF: Helvetica (WinAnsi only), DejaVu Sans for the other characters
 * it has, Noto Emoji for emoji; what none of them has becomes a look-alike or "?".
 */
import { fallbackHas } from './pdfFallbackFont.js';
import { EMOJI_SEQUENCE, emojiHas, writtenAsEmoji } from './pdfEmojiFont.js';

// The standard PDF fonts only encode WinAnsi; pdfkit writes anything else as garbage glyph codes.
const WIN_ANSI_EXTRA = new Set([
  402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338,
  339, 732, 352, 353, 376, 381, 382,
]);
// Variation selectors only pick text or emoji style: left alone (outside an emoji) they would read "?".
const REPLACEMENTS: Record<string, string> = { '\u00A0': ' ', '\u202F': ' ', '\u2009': ' ', '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u2192': '->', '\u2190': '<-', '\t': '    ', '\uFE0E': '', '\uFE0F': '' };

function encodable(code: number): boolean {
  return (code >= 32 && code <= 126) || (code >= 160 && code <= 255) || WIN_ANSI_EXTRA.has(code) || code === 10;
}

// What encodable() refuses, one code point at a time (the u flag keeps surrogate pairs whole): a regular
// expression so a multi-megabyte text that is all WinAnsi passes in native code, not a JavaScript loop.
const NOT_ENCODABLE_CLASS = `[^\\n\\x20-\\x7e\\xa0-\\xff${String.fromCharCode(...WIN_ANSI_EXTRA)}]`;
const NOT_ENCODABLE = new RegExp(NOT_ENCODABLE_CLASS, 'gu');
// The same, with whole emoji first (group 1): in WinAnsi text only "©", "®" and keycaps match besides.
const SPECIAL = new RegExp(`(${EMOJI_SEQUENCE})|${NOT_ENCODABLE_CLASS}`, 'gu');

// Substitutes already worked out: text in another script repeats few characters many times, and NFKD is slow.
const substitutes = new Map<string, string>();
const MAX_SUBSTITUTES = 10_000;

function substitute(ch: string): string {
  let out = substitutes.get(ch);
  if (out === undefined) {
    out = substituteOf(ch);
    if (substitutes.size < MAX_SUBSTITUTES) substitutes.set(ch, out);
  }
  return out;
}

function substituteOf(ch: string): string {
  if (REPLACEMENTS[ch] !== undefined) return REPLACEMENTS[ch];
  const code = ch.codePointAt(0) ?? 63;
  if (code < 32 || (code >= 127 && code < 160)) return '';
  const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return [...base].every((c) => encodable(c.codePointAt(0) ?? 0)) && base !== '' ? base : '?';
}

/** Maps text onto what Helvetica can show: known look-alikes, then accents stripped, then "?". */
export function pdfSafe(s: string): string {
  return s.replace(NOT_ENCODABLE, substitute);
}

// Spaces, hyphens and variation selectors Helvetica lacks read as its own; everything else it lacks goes to the fallback font first.
const PLAIN_LOOK_ALIKES = new Set(['\u202F', '\u2009', '\u2010', '\u2011', '\t', '\uFE0E', '\uFE0F']);

const BETWEEN_WORDS = /^[\s\p{P}]+$/u;

/** The font a stretch of text is written in: Helvetica (or Courier), DejaVu Sans, or Noto Emoji. */
export type SegmentFont = 'standard' | 'fallback' | 'emoji';

/** A stretch of text and the font that writes it. */
export interface TextSegment {
  text: string;
  font: SegmentFont;
}

/** The font that writes one character outside an emoji sequence, or null when it is written as its substitute. */
function fontOfChar(ch: string): SegmentFont | null {
  const code = ch.codePointAt(0) ?? 0;
  if (encodable(code)) return 'standard';
  if (PLAIN_LOOK_ALIKES.has(ch) || code < 160) return null;
  if (fallbackHas(code)) return 'fallback';
  return emojiHas(code) ? 'emoji' : null;
}

/** Splits text into stretches by the font that writes them; what no font has becomes a look-alike or "?". */
export function pdfSegments(s: string): TextSegment[] {
  const out: TextSegment[] = [];
  const push = (text: string, font: SegmentFont): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    // Spaces and punctuation after fallback text stay in its font: a paragraph in Cyrillic is one segment, not one per word.
    if (last && (last.font === font || (last.font === 'fallback' && font === 'standard' && BETWEEN_WORDS.test(text)))) last.text += text;
    else out.push({ text, font });
  };
  let from = 0;
  for (const m of s.matchAll(SPECIAL)) {
    push(s.slice(from, m.index), 'standard');
    if (m[1] !== undefined && writtenAsEmoji(m[1])) push(m[1], 'emoji');
    else {
      for (const ch of m[0]) {
        const font = fontOfChar(ch);
        push(font ? ch : substitute(ch), font ?? 'standard');
      }
    }
    from = m.index + m[0].length;
  }
  push(s.slice(from), 'standard');
  return out;
}

// Helvetica's "Wr" is 1.277 em wide, just over an emoji's 1.270 em.
const AS_WIDE_AS_EMOJI = 'Wr';

/** Text as wide as it will be written, in Helvetica: each character of another font counted as a wide letter or two. */
export function measurable(s: string): string {
  return s.replace(SPECIAL, (m: string, sequence: string | undefined) => {
    if (sequence !== undefined && writtenAsEmoji(sequence)) return AS_WIDE_AS_EMOJI;
    let out = '';
    for (const ch of m) {
      const font = fontOfChar(ch);
      out += font === 'standard' ? ch : font === 'fallback' ? 'W' : font === 'emoji' ? AS_WIDE_AS_EMOJI : substitute(ch);
    }
    return out;
  });
}
