/**
 * "Since your last visit" across working groups: for each plan, when the reader last opened it, whether someone else
 * changed it since, how many comments others wrote or edited on it since, and how many of its decisions others
 * proposed, moved or recorded stances on since (as the plan's own note counts them, decisionsSince.ts). Read from the
 * visits, the update log (and what compaction kept of who wrote the entries it folded), the comments and the
 * decisions' history, in five queries whatever the number of plans; no plan is loaded.
 */
import { and, count, countDistinct, eq, exists, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { comments, decisionHistory, decisions, documentContributions, documents, documentUpdates, documentVisits } from '../../db/schema.js';
import { after } from './decisionsSince.js';

/** One plan as the reader left it. */
export interface PlanNews {
  documentId: string;
  workspaceId: string;
  /** Null: the reader never opened it. */
  lastVisitAt: Date | null;
  edited: boolean;
  newComments: number;
  /** Comments others wrote before the visit and edited since, not deleted. */
  editedComments: number;
  /** Decisions linked to the plan that others proposed, moved to another status or recorded stances on since. */
  decisions: number;
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

/** Per plan: comments others wrote before the reader's visit and edited after it, not deleted. */
async function editedCommentsByPlan(tx: Executor, userId: string, workspaceIds: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ documentId: comments.documentId, n: count() })
    .from(comments)
    .innerJoin(documents, eq(documents.id, comments.documentId))
    .innerJoin(documentVisits, and(eq(documentVisits.documentId, comments.documentId), eq(documentVisits.userId, userId)))
    .where(and(inArray(documents.workspaceId, workspaceIds), lte(comments.createdAt, documentVisits.lastVisitAt), gt(comments.editedAt, documentVisits.lastVisitAt), ne(comments.authorId, userId), isNull(comments.deletedAt)))
    .groupBy(comments.documentId);
  return new Map(rows.map((r) => [r.documentId, Number(r.n)]));
}

/**
 * Per plan: its decisions with news from others since the reader's visit, by decisionsSince's rules (proposed by
 * someone else, or a history entry by someone else that moves the status or records a stance; text edits are not
 * news); the two must agree (tests/integration/decisionsSinceVisit.test.ts checks it).
 */
async function decisionsByPlan(tx: Executor, userId: string, workspaceIds: string[]): Promise<Map<string, number>> {
  const visitAt = documentVisits.lastVisitAt;
  const touched = tx
    .select({ one: sql`1` })
    .from(decisionHistory)
    .where(
      and(
        eq(decisionHistory.decisionId, decisions.id),
        after(decisionHistory.at, visitAt),
        ne(decisionHistory.actorId, userId),
        sql`((${decisionHistory.changes} -> 'status') is not null or jsonb_typeof(${decisionHistory.changes} -> 'organizationId') = 'string')`,
      ),
    );
  const proposed = and(after(decisions.createdAt, visitAt), ne(decisions.createdById, userId));
  const rows = await tx
    .select({ documentId: documentVisits.documentId, n: countDistinct(decisions.id) })
    .from(decisions)
    .innerJoin(documentVisits, and(eq(documentVisits.documentId, decisions.documentId), eq(documentVisits.userId, userId)))
    // The group is checked as well as the plan: a decision of another group never counts, whatever it points at.
    .innerJoin(documents, and(eq(documents.id, decisions.documentId), eq(documents.workspaceId, decisions.workspaceId)))
    .where(and(inArray(decisions.workspaceId, workspaceIds), or(proposed, exists(touched))))
    .groupBy(documentVisits.documentId);
  return new Map(rows.map((r) => [r.documentId, Number(r.n)]));
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
  const editedComments = await editedCommentsByPlan(tx, userId, workspaceIds);
  const decisionNews = await decisionsByPlan(tx, userId, workspaceIds);
  return plans.map((p) => ({
    documentId: p.id,
    workspaceId: p.workspaceId,
    lastVisitAt: p.lastVisitAt,
    edited: edited.has(p.id),
    newComments: newComments.get(p.id) ?? 0,
    editedComments: editedComments.get(p.id) ?? 0,
    decisions: decisionNews.get(p.id) ?? 0,
  }));
}

/** Whether a plan has news for the reader: opened before, and changed, commented on or decided on by others since. */
export const hasNews = (p: PlanNews): boolean => p.lastVisitAt !== null && (p.edited || p.newComments > 0 || p.editedComments > 0 || p.decisions > 0);
