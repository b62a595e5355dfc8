/**
 * Where a comment's text anchor stands in a plan: a pair of Yjs relative positions (base64 of
 * `Y.encodeRelativePosition`) in the body's XmlText, followed through any concurrent edit. When the words
 * are deleted the positions collapse and the anchor is detached. The server and the web app read it alike.
 */
import * as Y from 'yjs';
import { getBody } from './planModel.js';

/** The relative position a base64 string encodes, or null when it is not one a comment may carry. */
export function decodeRelative(value: string): Y.RelativePosition | null {
  let rel: Y.RelativePosition;
  try {
    rel = Y.decodeRelativePosition(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  } catch (err) {
    // Malformed base64 or bytes make atob or lib0 throw: not a position, which the caller refuses or ignores.
    void err;
    return null;
  }
  // A position names an item, a nested type, or the body itself. Nothing else: an unknown kind decodes to a
  // position that makes Yjs throw when resolved, and any other root name would create that root in the plan.
  return rel.item || rel.type || rel.tname === 'body' ? rel : null;
}

function alive(type: Y.AbstractType<unknown>): boolean {
  return type._item === null || !type._item.deleted;
}

function absolute(rel: Y.RelativePosition, doc: Y.Doc): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch (err) {
    // A position inside something that is not a type (an item id pointing at text content, say): it anchors nothing.
    void err;
    return null;
  }
}

/** Resolves a text anchor against a plan: the XmlText(s) and offsets, or null when detached. */
export function resolveTextAnchor(anchor: { start: string; end: string }, doc: Y.Doc): { start: Y.AbsolutePosition; end: Y.AbsolutePosition } | null {
  const startRel = decodeRelative(anchor.start);
  const endRel = decodeRelative(anchor.end);
  if (!startRel || !endRel) return null;
  const start = absolute(startRel, doc);
  const end = absolute(endRel, doc);
  if (!start || !end || !alive(start.type) || !alive(end.type)) return null;
  const body = getBody(doc);
  for (const p of [start, end]) {
    if (p.type !== body && (p.type._item === null || !Y.isParentOf(body, p.type._item))) return null;
  }
  // The same text node: the range is empty once its words are gone. Different nodes: the start must come first
  // (a reversed pair, which no editor makes, covers nothing and could never be drawn).
  if (start.type === end.type ? start.index >= end.index : !comesBefore(start, end)) return null;
  return { start, end };
}

/** Where a node stands in the body: its index in each parent, from the body down. */
function pathOf(type: Y.AbstractType<unknown>): number[] {
  const path: number[] = [];
  for (let t = type; t._item; ) {
    const parent = t._item.parent as Y.AbstractType<unknown>;
    let index = 0;
    for (let n = parent._start; n && n !== t._item; n = n.right) if (!n.deleted && n.countable) index += n.length;
    path.unshift(index);
    t = parent;
  }
  return path;
}

/** Whether position `a` comes before `b` in the body, read in document order. */
function comesBefore(a: Y.AbsolutePosition, b: Y.AbsolutePosition): boolean {
  const pa = [...pathOf(a.type), a.index];
  const pb = [...pathOf(b.type), b.index];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i] < pb[i];
  return pa.length < pb.length;
}

/** A text node's characters (embeds left out). */
function textOf(t: Y.XmlText): string {
  return (t.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** The words a text anchor covers now, when both ends sit in one text node; null when detached or spanning blocks. */
export function anchoredText(anchor: { start: string; end: string }, doc: Y.Doc): string | null {
  const range = resolveTextAnchor(anchor, doc);
  if (!range || range.start.type !== range.end.type || !(range.start.type instanceof Y.XmlText)) return null;
  const text = textOf(range.start.type);
  return text.slice(range.start.index, range.end.index);
}

/** A quote's words with its breaks and runs of spaces read as one space, trimmed. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Whether two readings of a comment's quote are the same words (the editor reads it with its own breaks and trimming). */
export function sameQuote(a: string, b: string): boolean {
  return squeeze(a) === squeeze(b);
}


function encodeRelative(rel: Y.RelativePosition): string {
  let bin = '';
  for (const b of Y.encodeRelativePosition(rel)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The longest quote a comment keeps: the web app cuts longer selections to their start. */
export const MAX_QUOTE_LENGTH = 2000;

/** Whether a new comment's quote is the words its anchor covers (or their start, for a selection longer than a quote keeps). */
export function quoteMatches(quote: string, covered: string): boolean {
  if (sameQuote(quote, covered)) return true;
  return quote.length >= MAX_QUOTE_LENGTH && squeeze(covered).startsWith(squeeze(quote));
}

/**
 * A text anchor on the one place in the plan's body where `quote` stands within a single text node, or null when it
 * stands nowhere or in more than one place (the comment could not say which). Edges as the web app makes them: the
 * start sticks to the first quoted character, the end to the last.
 */
export function findUniqueQuote(doc: Y.Doc, quote: string): { type: 'text'; start: string; end: string; quote: string } | null {
  const wanted = quote.trim();
  if (!wanted) return null;
  let found: { text: Y.XmlText; index: number } | null = null;
  const visit = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText): boolean => {
    if (node instanceof Y.XmlText) {
      const text = textOf(node);
      for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + 1)) {
        if (found) return false;
        found = { text: node, index: at };
      }
      return true;
    }
    for (const child of node.toArray()) if ((child instanceof Y.XmlElement || child instanceof Y.XmlText) && !visit(child)) return false;
    return true;
  };
  if (!visit(getBody(doc)) || !found) return null;
  const { text, index } = found as { text: Y.XmlText; index: number };
  return {
    type: 'text',
    start: encodeRelative(Y.createRelativePositionFromTypeIndex(text, index, 0)),
    end: encodeRelative(Y.createRelativePositionFromTypeIndex(text, index + wanted.length, -1)),
    quote,
  };
}
