/**
 * Comment anchors and whether they still hold. A text anchor is a pair of Yjs relative positions
 * (base64 of `Y.encodeRelativePosition`) made by the client in the body's XmlText: they follow the
 * words through any concurrent edit. When the words are deleted the positions collapse and the
 * comment is "detached": still listed, never lost. An activity anchor detaches when its row is gone.
 */
import { z } from 'zod';
import * as Y from 'yjs';
import { ACTIVITY_KEYS, getBody, readActivities } from '../../../shared/planModel.js';

function decodeRelative(value: string): Y.RelativePosition | null {
  let rel: Y.RelativePosition;
  try {
    rel = Y.decodeRelativePosition(new Uint8Array(Buffer.from(value, 'base64')));
  } catch {
    // Malformed bytes make lib0 throw: that is a validation failure, not a server error.
    return null;
  }
  // A position names an item, a nested type, or the body itself. Nothing else: an unknown kind decodes to a
  // position that makes Yjs throw when resolved, and any other root name would create that root in the plan.
  return rel.item || rel.type || rel.tname === 'body' ? rel : null;
}

const relativePosition = z
  .string()
  .min(2)
  .max(400)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64')
  .refine((v) => decodeRelative(v) !== null, 'Not an encoded Yjs relative position');

export const textAnchorSchema = z.object({ type: z.literal('text'), start: relativePosition, end: relativePosition, quote: z.string().min(1).max(2000) }).strict();
export const activityAnchorSchema = z.object({ type: z.literal('activity'), activityId: z.string().min(1).max(100), field: z.enum(ACTIVITY_KEYS).optional() }).strict();
export const anchorSchema = z.discriminatedUnion('type', [textAnchorSchema, activityAnchorSchema]);
export type Anchor = z.infer<typeof anchorSchema>;

function alive(type: Y.AbstractType<unknown>): boolean {
  return type._item === null || !type._item.deleted;
}

function absolute(rel: Y.RelativePosition, doc: Y.Doc): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    // A position inside something that is not a type (an item id pointing at text content, say): it anchors nothing.
    return null;
  }
}

/** Resolves a text anchor against a document: the XmlText(s) and offsets, or null when detached. */
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
  // The same text node: the range is empty once its words are gone.
  if (start.type === end.type && start.index >= end.index) return null;
  return { start, end };
}

/** Whether an anchor no longer points at anything in the document's current state. */
export function isDetached(anchor: Record<string, unknown> | null, doc: Y.Doc, activityIds?: Set<string>): boolean {
  if (!anchor) return false;
  if (anchor.type === 'text' && typeof anchor.start === 'string' && typeof anchor.end === 'string') {
    return resolveTextAnchor({ start: anchor.start, end: anchor.end }, doc) === null;
  }
  if (anchor.type === 'activity' && typeof anchor.activityId === 'string') {
    const ids = activityIds ?? new Set(readActivities(doc).map((a) => a.id));
    return !ids.has(anchor.activityId);
  }
  return true;
}
