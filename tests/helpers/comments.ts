/** Test helpers for anchored comments: text anchors made the way the browser makes them. */
import * as Y from 'yjs';
import { getBody } from '../../shared/planModel.js';

const b64 = (rel: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rel)).toString('base64');

/** The XmlText of the first top-level block whose text contains `needle`. */
export function textContaining(doc: Y.Doc, needle: string): Y.XmlText {
  for (const el of getBody(doc).toArray()) {
    if (!(el instanceof Y.XmlElement)) continue;
    for (const child of el.toArray()) if (child instanceof Y.XmlText && plain(child).includes(needle)) return child;
  }
  throw new Error(`no text containing ${needle}`);
}

/** An XmlText's characters without formatting. */
export function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/**
 * A text anchor over `quote` inside `text`, as the editor makes it: the start sticks to the first
 * character (assoc 0) and the end to the last one (assoc -1), so typing at either edge stays outside.
 */
export function textAnchor(text: Y.XmlText, quote: string) {
  const at = plain(text).indexOf(quote);
  if (at < 0) throw new Error(`quote not found: ${quote}`);
  return {
    type: 'text' as const,
    start: b64(Y.createRelativePositionFromTypeIndex(text, at, 0)),
    end: b64(Y.createRelativePositionFromTypeIndex(text, at + quote.length, -1)),
    quote,
  };
}

/** What a text anchor covers in a document now, or null when it no longer resolves to a range. */
export function resolveAnchorText(doc: Y.Doc, anchor: { start: string; end: string }): string | null {
  const dec = (s: string) => Y.decodeRelativePosition(new Uint8Array(Buffer.from(s, 'base64')));
  const start = Y.createAbsolutePositionFromRelativePosition(dec(anchor.start), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(dec(anchor.end), doc);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || start.index >= end.index) return null;
  return plain(start.type).slice(start.index, end.index);
}
