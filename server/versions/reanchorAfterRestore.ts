/**
 * Comments put back on their words after a restore. A restore writes a version's text back as new Yjs items, so a
 * comment anchored on words the restore removed stays detached even when a later restore (undoing the first with its
 * «Antes de restaurar …» backup) brings the very same words back. Each text comment detached after a restore whose
 * quoted words now stand in exactly one place in the plan is anchored there again.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Executor } from '../../db/client.js';
import { comments } from '../../db/schema.js';
import { findUniqueQuote, resolveTextAnchor } from '../../shared/commentAnchors.js';

type CommentRow = typeof comments.$inferSelect;

/** Re-anchors the plan's detached text threads whose quote is found once; returns the comments changed. */
export async function reanchorAfterRestore(tx: Executor, doc: Y.Doc, documentId: string): Promise<CommentRow[]> {
  const roots = await tx
    .select()
    .from(comments)
    .where(and(eq(comments.documentId, documentId), eq(comments.threadId, comments.id), isNull(comments.deletedAt), sql`${comments.anchor}->>'type' = 'text'`))
    // In id order, as every statement that locks several comments (mentionNames.ts): never a circle with another.
    .orderBy(asc(comments.id))
    .for('update');
  const changed: CommentRow[] = [];
  for (const root of roots) {
    const anchor = root.anchor as { start?: unknown; end?: unknown; quote?: unknown } | null;
    if (typeof anchor?.start !== 'string' || typeof anchor.end !== 'string' || typeof anchor.quote !== 'string') continue;
    if (resolveTextAnchor({ start: anchor.start, end: anchor.end }, doc) !== null) continue;
    const found = findUniqueQuote(doc, anchor.quote);
    if (!found) continue;
    const [updated] = await tx.update(comments).set({ anchor: { ...found, quote: anchor.quote } }).where(eq(comments.id, root.id)).returning();
    changed.push(updated);
  }
  return changed;
}
