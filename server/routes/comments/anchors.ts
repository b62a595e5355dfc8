/**
 * Comment anchors and whether they still hold. A text anchor is a pair of Yjs relative positions
 * (base64 of `Y.encodeRelativePosition`) made by the client in the body's XmlText: they follow the
 * words through any concurrent edit. When the words are deleted the positions collapse and the
 * comment is "detached": still listed, never lost. An activity anchor detaches when its row is gone.
 */
import { z } from 'zod';
import * as Y from 'yjs';
import { decodeRelative, MAX_QUOTE_LENGTH, resolveTextAnchor } from '../../../shared/commentAnchors.js';
import { ACTIVITY_KEYS, readActivities } from '../../../shared/planModel.js';

const relativePosition = z
  .string()
  .min(2)
  .max(400)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64')
  .refine((v) => decodeRelative(v) !== null, 'Not an encoded Yjs relative position');

export const textAnchorSchema = z.object({ type: z.literal('text'), start: relativePosition, end: relativePosition, quote: z.string().min(1).max(MAX_QUOTE_LENGTH) }).strict();
export const activityAnchorSchema = z.object({ type: z.literal('activity'), activityId: z.string().min(1).max(100), field: z.enum(ACTIVITY_KEYS).optional() }).strict();
export const anchorSchema = z.discriminatedUnion('type', [textAnchorSchema, activityAnchorSchema]);
export type Anchor = z.infer<typeof anchorSchema>;

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
