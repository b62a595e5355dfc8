/** Comment rows as the contract's JSON: thread state comes from the root, deleted ones keep a marker. */
import type * as Y from 'yjs';
import { readActivities } from '../../../shared/planModel.js';
import type { CommentRow } from '../../policies/commentPolicy.js';
import { isDetached } from './anchors.js';

/** One comment; `root` is its thread's first comment (itself for a root). */
export function presentComment(c: CommentRow, root: CommentRow, detached: boolean) {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    documentId: c.documentId,
    threadId: c.threadId,
    parentId: c.parentId,
    authorId: c.authorId,
    organizationId: c.organizationId,
    body: deleted ? '' : c.body,
    anchor: c.anchor ?? null,
    mentions: deleted ? { userIds: [], organizationIds: [] } : c.mentions,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    resolvedAt: root.resolvedAt?.toISOString() ?? null,
    resolvedById: root.resolvedAt ? root.resolvedById : null,
    deleted,
    detached,
  };
}

export type CommentJson = ReturnType<typeof presentComment>;

/** Presents comments against the document's current state; `roots` must hold every thread root. */
export function presentComments(rows: CommentRow[], roots: Map<string, CommentRow>, doc: Y.Doc): CommentJson[] {
  const activityIds = new Set(readActivities(doc).map((a) => a.id));
  return rows.map((c) => presentComment(c, roots.get(c.threadId) ?? c, isDetached(c.anchor ?? null, doc, activityIds)));
}
