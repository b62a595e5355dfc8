/**
 * "Since your last visit": a visit stores the time, the log position and a Yjs snapshot of the plan;
 * later, the plan's current state is compared with that snapshot. The client asks what changed
 * first, then records the new visit (and again when leaving, so its own edits are not news).
 */
import { and, asc, eq, gt, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import { comments, documentContributions, documentUpdates, documentVisits } from '../../../db/schema.js';
import { authorshipOf, type Authorship } from '../../sync/updateAuthorship.js';
import { idSchema } from '../../../shared/schemas.js';
import type { RouteFn } from '../../http/pipeline.js';
import { activityDigests, sortActivityNews } from '../../notifications/activityDigests.js';
import { changesSince, ownChanges, takeSnapshot, visitHeadings } from '../../notifications/changesSince.js';
import { decisionsSince } from '../../notifications/decisionsSince.js';
import { sectionDigests, sectionsStillChanged } from '../../notifications/sectionDigests.js';
import { requireDocument } from '../../policies/workspacePolicy.js';
import { withDocumentState } from './documentState.js';
import { changesSinceVisit, visitRecorded } from '../../http/responses/participation.js';

const idParams = z.object({ id: idSchema });

export function registerVisitRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/documents/:id/visit',
    summary: 'Record a visit to a plan (time, log position, snapshot); returns the previous visit',
    tags: ['comments'],
    response: visitRecorded,
    params: idParams,
    handler: async (ctx) => {
      const { tx, params, principal } = ctx;
      const { document } = await requireDocument(tx, principal, params.id);
      const [previous] = await tx
        .select({ at: documentVisits.lastVisitAt, logPosition: documentVisits.logPosition })
        .from(documentVisits)
        .where(and(eq(documentVisits.userId, principal.userId), eq(documentVisits.documentId, document.id)));
      const visit = await withDocumentState(ctx.services, tx, document.id, (doc, logPosition) => ({
        lastVisitAt: new Date(),
        logPosition,
        snapshot: takeSnapshot(doc),
        headings: visitHeadings(doc),
        // Per field now; the old per-activity digests are no longer kept (null), see activityFieldDigests.ts.
        activityDigests: null,
        activityFieldDigests: activityDigests(doc),
        sectionDigests: sectionDigests(doc),
      }));
      await tx
        .insert(documentVisits)
        .values({ userId: principal.userId, documentId: document.id, ...visit })
        .onConflictDoUpdate({ target: [documentVisits.userId, documentVisits.documentId], set: visit });
      await ctx.audit({ action: 'document.visited', workspaceId: document.workspaceId, target: { type: 'document', id: document.id }, changes: { logPosition: visit.logPosition } });
      return {
        previousVisit: previous ? { at: previous.at.toISOString(), logPosition: previous.logPosition } : null,
        visit: { at: visit.lastVisitAt.toISOString(), logPosition: visit.logPosition },
      };
    },
  });

  route({
    method: 'GET',
    url: '/api/documents/:id/changes-since-visit',
    summary: 'What changed in a plan since the caller’s last recorded visit: new comments by others, comments others edited, activities others added, changed (with the fields that changed) or removed, changed sections, removed sections, and the plan’s decisions others proposed, changed the status of or recorded stances on (how many, never which while hidden)',
    tags: ['comments'],
    response: changesSinceVisit,
    params: idParams,
    handler: async ({ tx, params, principal, services }) => {
      const { document } = await requireDocument(tx, principal, params.id);
      const [visit] = await tx
        .select()
        .from(documentVisits)
        .where(and(eq(documentVisits.userId, principal.userId), eq(documentVisits.documentId, document.id)));
      if (!visit) return { since: null, newComments: [], editedComments: [], addedActivityIds: [], changedActivityIds: [], changedActivities: [], removedActivities: 0, changedSections: [], removedSections: [], decisions: [] };
      const fresh = await tx
        .select({ id: comments.id, deletedAt: comments.deletedAt })
        .from(comments)
        .where(and(eq(comments.documentId, document.id), gt(comments.createdAt, visit.lastVisitAt), ne(comments.authorId, principal.userId)))
        .orderBy(asc(comments.createdAt), asc(comments.id));
      // Written before the visit and edited since by their author (an edit may change what was asked): news as well.
      const edited = await tx
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.documentId, document.id), lte(comments.createdAt, visit.lastVisitAt), gt(comments.editedAt, visit.lastVisitAt), ne(comments.authorId, principal.userId), isNull(comments.deletedAt)))
        .orderBy(asc(comments.editedAt), asc(comments.id));
      // The reader's own edits since then (typed, restored) are not news to them: who wrote what, from the log
      // entries since the visit and from what compaction kept of those it folded.
      const since = await tx
        .select({ update: documentUpdates.update, userId: documentUpdates.userId })
        .from(documentUpdates)
        .where(and(eq(documentUpdates.documentId, document.id), gt(documentUpdates.id, visit.logPosition)))
        .orderBy(asc(documentUpdates.id));
      const folded = await tx
        .select({ userId: documentContributions.userId, clients: documentContributions.clients, deletes: documentContributions.deletes })
        .from(documentContributions)
        .where(and(eq(documentContributions.documentId, document.id), gt(documentContributions.maxLogId, visit.logPosition), isNotNull(documentContributions.clients)));
      const writers: Authorship[] = [
        ...folded.map((c) => ({ userId: c.userId, clients: c.clients ?? [], deletes: c.deletes ?? [] })),
        ...since.map((r) => authorshipOf(r.update, r.userId)),
      ];
      const live = await services.hub.acquire(document.id);
      const changes = visit.snapshot
        ? changesSince(live.doc, visit.snapshot, ownChanges(writers, principal.userId), visit.headings ?? [])
        : { changedSections: [], removedSections: [], addedActivityIds: [], changedActivityIds: [], removedActivities: 0 };
      // Added apart from changed, as the visit's digests know them; changed and changed back since (a status set and
      // undone) reads as it did, so it is not news.
      const activities = sortActivityNews(live.doc, changes, { fields: visit.activityFieldDigests, whole: visit.activityDigests });
      return {
        since: visit.lastVisitAt.toISOString(),
        newComments: fresh.filter((c) => !c.deletedAt).map((c) => c.id),
        editedComments: edited.map((c) => c.id),
        addedActivityIds: activities.added,
        changedActivityIds: activities.changed.map((a) => a.id),
        changedActivities: activities.changed,
        removedActivities: changes.removedActivities,
        // Likewise a section whose text was changed and changed back.
        changedSections: sectionsStillChanged(live.doc, changes.changedSections, visit.sectionDigests),
        removedSections: changes.removedSections,
        decisions: await decisionsSince(tx, { workspaceId: document.workspaceId, documentId: document.id, readerId: principal.userId, since: visit.lastVisitAt }),
      };
    },
  });
}
