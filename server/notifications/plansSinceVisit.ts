/**
 * "Since your last visit" across working groups: for each plan, when the reader last opened it, whether someone else
 * changed it since and how many comments others wrote on it since. Read from the visits, the update log (and what
 * compaction kept of who wrote the entries it folded) and the comments, in four grouped queries; no plan is loaded.
 */
import { and, count, eq, gt, inArray, isNotNull, isNull, ne, type Column, type SQL } from 'drizzle-orm';
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

/** The reader's visit to the plan `documentId` names, in one of the groups: the base of each "since" query. */
function visitTo(documentId: Column, userId: string, workspaceIds: string[]): SQL | undefined {
  return and(eq(documentVisits.documentId, documentId), eq(documentVisits.userId, userId), inArray(documents.workspaceId, workspaceIds));
}

/** Plans that someone other than `userId` changed after the reader's visit. */
async function editedByOthers(tx: Executor, userId: string, workspaceIds: string[]): Promise<Set<string>> {
  // Entries without a person are a node storing again what other nodes already logged (see LogWiring.record).
  const logged = await tx
    .selectDistinct({ documentId: documentUpdates.documentId })
    .from(documentUpdates)
    .innerJoin(documents, eq(documents.id, documentUpdates.documentId))
    .innerJoin(documentVisits, visitTo(documentUpdates.documentId, userId, workspaceIds))
    .where(and(gt(documentUpdates.id, documentVisits.logPosition), isNotNull(documentUpdates.userId), ne(documentUpdates.userId, userId)));
  const folded = await tx
    .selectDistinct({ documentId: documentContributions.documentId })
    .from(documentContributions)
    .innerJoin(documents, eq(documents.id, documentContributions.documentId))
    .innerJoin(documentVisits, visitTo(documentContributions.documentId, userId, workspaceIds))
    .where(and(gt(documentContributions.maxLogId, documentVisits.logPosition), ne(documentContributions.userId, userId)));
  return new Set([...logged, ...folded].map((r) => r.documentId));
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
    .innerJoin(documentVisits, visitTo(comments.documentId, userId, workspaceIds))
    .where(and(gt(comments.createdAt, documentVisits.lastVisitAt), ne(comments.authorId, userId), isNull(comments.deletedAt)))
    .groupBy(comments.documentId);
  const newComments = new Map(fresh.map((r) => [r.documentId, Number(r.n)]));
  const edited = await editedByOthers(tx, userId, workspaceIds);
  return plans.map((p) => ({ documentId: p.id, workspaceId: p.workspaceId, lastVisitAt: p.lastVisitAt, edited: edited.has(p.id), newComments: newComments.get(p.id) ?? 0 }));
}

/** Whether a plan has news for the reader: opened before, and changed or commented on by others since. */
export const hasNews = (p: PlanNews): boolean => p.lastVisitAt !== null && (p.edited || p.newComments > 0);
