/**
 * "Since your last visit" across working groups: for each plan, when the reader last opened it, whether someone else
 * changed it since and how many comments others wrote on it since. Read from the visits, the update log (and what
 * compaction kept of who wrote the entries it folded) and the comments, in three queries; no plan is loaded.
 */
import { and, count, eq, exists, gt, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { comments, documentContributions, documents, documentUpdates, documentVisits } from '../../db/schema.js';

/** One plan as the reader left it. */
export interface PlanNews {
  documentId: string;
  workspaceId: string;
  /** Null: the reader never opened it. */
  lastVisitAt: Date | null;
  edited: boolean;
  newComments: number;
}

/** Plans that someone other than `userId` changed after the reader's visit. */
async function editedByOthers(tx: Executor, userId: string, workspaceIds: string[]): Promise<Set<string>> {
  // Per visit, an index range on the plan's log after the visit's position, stopping at the first entry by someone else.
  // Entries without a person are a node storing again what other nodes already logged (see LogWiring.record).
  const logged = tx
    .select({ one: sql`1` })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentVisits.documentId), gt(documentUpdates.id, documentVisits.logPosition), isNotNull(documentUpdates.userId), ne(documentUpdates.userId, userId)));
  // What compaction folded keeps who wrote it.
  const folded = tx
    .select({ one: sql`1` })
    .from(documentContributions)
    .where(and(eq(documentContributions.documentId, documentVisits.documentId), gt(documentContributions.maxLogId, documentVisits.logPosition), ne(documentContributions.userId, userId)));
  const rows = await tx
    .select({ documentId: documentVisits.documentId })
    .from(documentVisits)
    .innerJoin(documents, eq(documents.id, documentVisits.documentId))
    .where(and(eq(documentVisits.userId, userId), inArray(documents.workspaceId, workspaceIds), or(exists(logged), exists(folded))));
  return new Set(rows.map((r) => r.documentId));
}

/** Every plan of `workspaceIds` (the reader's groups, checked by the caller) with the reader's news on it. */
export async function plansSinceVisit(tx: Executor, userId: string, workspaceIds: string[]): Promise<PlanNews[]> {
  if (workspaceIds.length === 0) return [];
  const plans = await tx
    .select({ id: documents.id, workspaceId: documents.workspaceId, lastVisitAt: documentVisits.lastVisitAt })
    .from(documents)
    .leftJoin(documentVisits, and(eq(documentVisits.documentId, documents.id), eq(documentVisits.userId, userId)))
    .where(inArray(documents.workspaceId, workspaceIds))
    .orderBy(documents.title, documents.id);
  const fresh = await tx
    .select({ documentId: comments.documentId, n: count() })
    .from(comments)
    .innerJoin(documents, eq(documents.id, comments.documentId))
    .innerJoin(documentVisits, and(eq(documentVisits.documentId, comments.documentId), eq(documentVisits.userId, userId)))
    .where(and(inArray(documents.workspaceId, workspaceIds), gt(comments.createdAt, documentVisits.lastVisitAt), ne(comments.authorId, userId), isNull(comments.deletedAt)))
    .groupBy(comments.documentId);
  const newComments = new Map(fresh.map((r) => [r.documentId, Number(r.n)]));
  const edited = await editedByOthers(tx, userId, workspaceIds);
  return plans.map((p) => ({ documentId: p.id, workspaceId: p.workspaceId, lastVisitAt: p.lastVisitAt, edited: edited.has(p.id), newComments: newComments.get(p.id) ?? 0 }));
}

/** Whether a plan has news for the reader: opened before, and changed or commented on by others since. */
export const hasNews = (p: PlanNews): boolean => p.lastVisitAt !== null && (p.edited || p.newComments > 0);
