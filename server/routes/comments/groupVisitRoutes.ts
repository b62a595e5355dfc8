/**
 * "Since your last visit" across a working group's plans: for each plan, when the caller last opened it, whether
 * someone else changed it since and how many comments others wrote on it since. Read from the visits, the update log
 * (and what compaction kept of who wrote the entries it folded) and the comments; no plan is loaded.
 */
import { and, count, eq, gt, isNotNull, isNull, ne, type Column, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { comments, documentContributions, documents, documentUpdates, documentVisits } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import type { RouteFn } from '../../http/pipeline.js';
import { planSinceVisit } from '../../http/responses/participation.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';

/** The caller's visit rows joined to the group's plans: the base of every "since" query below. */
function visitedPlans(workspaceId: string, userId: string, documentId: Column): SQL | undefined {
  return and(eq(documentVisits.documentId, documentId), eq(documentVisits.userId, userId), eq(documents.workspaceId, workspaceId));
}

/** Plans of the group that someone other than `userId` changed after the caller's visit. */
async function editedByOthers(tx: Executor, workspaceId: string, userId: string): Promise<Set<string>> {
  // Entries without a person are a node storing again what other nodes already logged (see LogWiring.record).
  const logged = await tx
    .selectDistinct({ documentId: documentUpdates.documentId })
    .from(documentUpdates)
    .innerJoin(documents, eq(documents.id, documentUpdates.documentId))
    .innerJoin(documentVisits, visitedPlans(workspaceId, userId, documentUpdates.documentId))
    .where(and(gt(documentUpdates.id, documentVisits.logPosition), isNotNull(documentUpdates.userId), ne(documentUpdates.userId, userId)));
  const folded = await tx
    .selectDistinct({ documentId: documentContributions.documentId })
    .from(documentContributions)
    .innerJoin(documents, eq(documents.id, documentContributions.documentId))
    .innerJoin(documentVisits, visitedPlans(workspaceId, userId, documentContributions.documentId))
    .where(and(gt(documentContributions.maxLogId, documentVisits.logPosition), ne(documentContributions.userId, userId)));
  return new Set([...logged, ...folded].map((r) => r.documentId));
}

export function registerGroupVisitRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/workspaces/:id/changes-since-visit',
    summary: 'For each plan of a working group: when the caller last opened it, whether someone else changed it since and how many comments others wrote on it since (a plan never opened has no visit)',
    tags: ['comments'],
    response: z.strictObject({ plans: z.array(planSinceVisit) }),
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal }) => {
      await requireWorkspace(tx, principal, params.id);
      const me = principal.userId;
      const plans = await tx
        .select({ id: documents.id, lastVisitAt: documentVisits.lastVisitAt })
        .from(documents)
        .leftJoin(documentVisits, and(eq(documentVisits.documentId, documents.id), eq(documentVisits.userId, me)))
        .where(eq(documents.workspaceId, params.id))
        .orderBy(documents.title, documents.id);
      const fresh = await tx
        .select({ documentId: comments.documentId, n: count() })
        .from(comments)
        .innerJoin(documents, eq(documents.id, comments.documentId))
        .innerJoin(documentVisits, visitedPlans(params.id, me, comments.documentId))
        .where(and(gt(comments.createdAt, documentVisits.lastVisitAt), ne(comments.authorId, me), isNull(comments.deletedAt)))
        .groupBy(comments.documentId);
      const newComments = new Map(fresh.map((r) => [r.documentId, Number(r.n)]));
      const edited = await editedByOthers(tx, params.id, me);
      return {
        plans: plans.map((p) => ({
          documentId: p.id,
          lastVisitAt: p.lastVisitAt ? p.lastVisitAt.toISOString() : null,
          edited: edited.has(p.id),
          newComments: newComments.get(p.id) ?? 0,
        })),
      };
    },
  });
}
