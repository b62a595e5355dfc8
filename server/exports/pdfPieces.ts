/**
 * Cuts text into the pieces the PDF renderer hands to pdfkit one by one. pdfkit's line wrapper re-measures the
 * rest of a word wider than the line for every line it fills, so one pasted 100 kB token took seconds and a
 * 5 MB one minutes. A long word is cut into pieces at most half a line wide: pdfkit then only ever places
 * whole pieces (two or more to a line), in linear time. Long prose is cut too, after a space where the line
 * could break anyway, so the renderer can give the event loop a turn between pieces.
 */

/** Words up to this many characters are left whole: pdfkit wraps them cheaply, and cutting them would show. */
export const MAX_WORD = 80;
/** Prose is cut before the first word that starts this many characters into a piece. */
export const MAX_PIECE = 4096;

/** Width of one character (UTF-16 code unit) in the font the text will be written in. */
export type CharWidth = (code: number) => number;

function isBreak(code: number): boolean {
  return code <= 32;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function wordLongerThan(text: string, from: number, length: number): boolean {
  const end = Math.min(text.length, from + length + 1);
  for (let i = from; i < end; i++) if (isBreak(text.charCodeAt(i))) return false;
  return end - from > length;
}

/**
 * Splits text into pieces that join back to it, cut as they are asked for: a word longer than MAX_WORD characters
 * wherever the piece would get wider than `maxWidth` (never fewer than one character a piece), prose after a
 * space past MAX_PIECE.
 */
export function* textPieces(text: string, charWidth: CharWidth, maxWidth: number): Generator<string, void, undefined> {
  let start = 0;
  let inWord = false;
  let longWord = false;
  let pieceWidth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isBreak(code)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      if (i - start >= MAX_PIECE) {
        yield text.slice(start, i);
        start = i;
      }
      longWord = wordLongerThan(text, i, MAX_WORD);
      pieceWidth = 0;
    }
    if (!longWord) continue;
    const w = charWidth(code);
    // Never between the halves of a surrogate pair (pdfSafe leaves none, but a cut must not corrupt text anyway).
    if (pieceWidth > 0 && pieceWidth + w > maxWidth && !isLowSurrogate(code)) {
      yield text.slice(start, i);
      start = i;
      pieceWidth = 0;
    }
    pieceWidth += w;
  }
  if (start < text.length || start === 0) yield text.slice(start);
}
