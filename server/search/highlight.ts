/**
 * Snippets and highlights for search results, computed here rather than with `ts_headline`: the
 * matching is accent-insensitive (folded) and the result is plain text segments, never HTML, so a
 * client renders `<mark>` elements itself and nothing a user typed can become markup.
 */
import type { HighlightSegment } from '../../shared/search.js';
import { foldText } from '../../shared/textFold.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether a word matches one of the (folded) query terms, as a prefix. */
function matches(word: string, terms: readonly string[]): boolean {
  const folded = foldText(word);
  return terms.some((t) => folded.startsWith(t));
}

/** Splits `text` into matching words and the text between them. */
export function highlightSegments(text: string, terms: readonly string[]): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const last = out[out.length - 1];
    if (last && last.match === match && !match) last.text += piece;
    else out.push({ text: piece, match });
  };
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (!matches(m[0], terms)) continue;
    push(text.slice(at, m.index), false);
    push(m[0], true);
    at = m.index + m[0].length;
  }
  push(text.slice(at), false);
  return out;
}

/** Index of the first word of `text` matching a term, or -1. */
function firstMatch(text: string, terms: readonly string[]): number {
  for (const m of text.matchAll(WORD)) if (matches(m[0], terms)) return m.index;
  return -1;
}

/**
 * A window of at most `maxLength` characters around the first match (or the start of the text),
 * cut at word boundaries and marked with ellipses where text was left out.
 */
export function makeSnippet(text: string, terms: readonly string[], maxLength = 220): { snippet: string; highlights: HighlightSegment[] } {
  // Lines (headings, paragraphs, table cells) become one line, still visibly apart.
  const flat = text
    .split(/\s*\n\s*/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(' · ');
  let snippet = flat;
  if (flat.length > maxLength) {
    const hit = Math.max(0, firstMatch(flat, terms));
    let start = Math.max(0, Math.min(hit - Math.floor(maxLength / 4), flat.length - maxLength));
    if (start > 0) {
      const space = flat.indexOf(' ', start);
      start = space >= 0 && space < hit ? space + 1 : start;
    }
    let end = Math.min(flat.length, start + maxLength);
    if (end < flat.length) {
      const space = flat.lastIndexOf(' ', end);
      if (space > hit && space > start) end = space;
    }
    snippet = `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
  }
  return { snippet, highlights: highlightSegments(snippet, terms) };
}
