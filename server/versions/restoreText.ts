/**
 * Edits a live Y.XmlText into another text's content in place: a character-level diff decides what is
 * deleted and inserted, and kept characters are reformatted only where their marks differ. Characters
 * that stay keep their Yjs items, so comment anchors (relative positions) and concurrent typing survive.
 */
import * as Y from 'yjs';
import { diffSequences } from '../../shared/textDiff.js';

type Attrs = Record<string, unknown>;

/** One delta op of characters sharing the same marks. */
interface Span {
  text: string;
  attrs: Attrs;
  key: string;
}

/** Beyond this many character edits the changed middle is replaced whole: the diff's trace costs O(D²). */
const MAX_CHAR_EDITS = 1000;

function sortedKeys(value: object): object {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A comparable text for any value Yjs stores: JSON with object keys sorted and bigints spelled out. */
export function keyOf(value: unknown): string {
  const key = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    // Key order is not content: marks and attributes come back in whatever order they were set.
    if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return sortedKeys(v);
    return v;
  });
  return key ?? 'undefined';
}

/** The text's characters as spans of equal marks, or null when it holds embeds (never edited in place). */
function spansOf(text: Y.XmlText): Span[] | null {
  const spans: Span[] = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Attrs }>) {
    if (typeof op.insert !== 'string') return null;
    const attrs = op.attributes ?? {};
    spans.push({ text: op.insert, attrs, key: keyOf(attrs) });
  }
  return spans;
}

/** For each UTF-16 unit, the index of the span it belongs to. */
function spanIndex(spans: Span[]): Int32Array {
  const index = new Int32Array(spans.reduce((n, s) => n + s.text.length, 0));
  let at = 0;
  spans.forEach((s, i) => {
    index.fill(i, at, at + s.text.length);
    at += s.text.length;
  });
  return index;
}

/** The `format` argument turning marks `from` into marks `to`: null removes a mark. */
function formatting(from: Attrs, to: Attrs): Attrs {
  const out: Attrs = { ...to };
  for (const key of Object.keys(from)) if (!(key in to)) out[key] = null;
  return out;
}

/** Makes `current` equal to `wanted` (a plain text of another doc) with minimal deletes, inserts and formats. */
export function editText(current: Y.XmlText, wanted: Y.XmlText): void {
  const have = spansOf(current);
  const want = spansOf(wanted);
  if (!have || !want) throw new Error('editText: texts with embeds are replaced, not edited');
  const a = have.map((s) => s.text).join('');
  const b = want.map((s) => s.text).join('');
  const inHave = spanIndex(have);
  const inWant = spanIndex(want);
  // Code points, not UTF-16 units, so a surrogate pair is never split; lengths are counted in units as Yjs does.
  const runs = diffSequences(Array.from(a), Array.from(b), MAX_CHAR_EDITS);
  let at = 0; // position in `current` as edited so far
  let old = 0; // position in `a`
  let pos = 0; // position in `b`
  for (const run of runs) {
    const length = run.items.reduce((n, ch) => n + ch.length, 0);
    if (run.op === 'delete') {
      current.delete(at, length);
      old += length;
      continue;
    }
    // Equal text is reformatted, inserted text written, in stretches where both sides' marks stay the same.
    for (let i = 0; i < length; ) {
      const w = inWant[pos + i];
      const h = run.op === 'equal' ? inHave[old + i] : -1;
      let j = i + 1;
      while (j < length && inWant[pos + j] === w && (h < 0 || inHave[old + j] === h)) j++;
      if (h < 0) current.insert(at + i, b.slice(pos + i, pos + j), { ...want[w].attrs });
      else if (have[h].key !== want[w].key) current.format(at + i, j - i, formatting(have[h].attrs, want[w].attrs));
      i = j;
    }
    at += length;
    pos += length;
    if (run.op === 'equal') old += length;
  }
  mergeSeams(current);
}

/** Keys of the format items a text holds, marks set or cleared, seen or not in its delta. */
function formatKeys(text: Y.XmlText): string[] {
  const keys = new Set<string>();
  for (let item = text._start; item; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentFormat) keys.add(item.content.key);
  }
  return [...keys];
}

/**
 * Deleting text between two runs leaves format items at the seam that Yjs does not always clean up
 * (it compares object-valued marks such as bold: {} by identity), and toDelta then splits the run in two.
 * Formatting across the seam with every mark key, set as the run has it or cleared, deletes those items.
 */
function mergeSeams(text: Y.XmlText): void {
  const spans = spansOf(text) ?? [];
  const cleared = Object.fromEntries(formatKeys(text).map((key) => [key, null]));
  let at = 0;
  spans.forEach((span, i) => {
    const prev = spans[i - 1];
    if (prev && prev.key === span.key) {
      // Whole code points on both sides: splitting a surrogate pair would turn it into U+FFFD.
      const before = Array.from(prev.text).pop()?.length ?? 0;
      const after = Array.from(span.text)[0]?.length ?? 0;
      text.format(at - before, before + after, { ...cleared, ...span.attrs });
    }
    at += span.text.length;
  });
}
