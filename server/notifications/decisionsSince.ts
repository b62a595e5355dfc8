/**
 * "Since your last visit", for the decisions linked to a plan: those someone other than the reader proposed, moved
 * to another status, or recorded a stance on since the visit. Read from the decision itself (who proposed it, when)
 * and its history, where every status change and every recorded stance leaves an entry with its time and actor.
 *
 * Hidden stances (`hidden_until_closed`): only how many organizations had a stance recorded is told, never what it
 * was. GET /api/decisions/:id shows every member as much already (each stance as `{organizationId, hidden: true}`
 * and its history entry with time, actor and organization), so the count reveals nothing that route does not.
 */
import { and, asc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { decisionHistory, decisions } from '../../db/schema.js';
import type { DecisionSinceVisit } from '../../shared/sinceVisit.js';

/**
 * Whether a stored time is later than `since` (a time, or a visit's time column), compared in milliseconds: the
 * visit's time comes from the app's clock, in milliseconds, and a database time of the same millisecond (before the
 * visit) would otherwise read as later.
 */
export function after(column: AnyPgColumn, since: Date | AnyPgColumn): SQL {
  return since instanceof Date ? sql`date_trunc('milliseconds', ${column}) > ${since.toISOString()}::timestamptz` : sql`date_trunc('milliseconds', ${column}) > ${since}`;
}

/** What others did since `since` to the decisions linked to plan `documentId` of workspace `workspaceId`, by ref. */
export async function decisionsSince(tx: Executor, args: { workspaceId: string; documentId: string; readerId: string; since: Date }): Promise<DecisionSinceVisit[]> {
  const { workspaceId, documentId, readerId, since } = args;
  // The workspace is checked as well as the plan: a decision of another group never shows, whatever it points at.
  const ofThisPlan = and(eq(decisions.workspaceId, workspaceId), eq(decisions.documentId, documentId));
  const entries = await tx
    .select({ decisionId: decisionHistory.decisionId, changes: decisionHistory.changes })
    .from(decisionHistory)
    .innerJoin(decisions, eq(decisions.id, decisionHistory.decisionId))
    .where(and(ofThisPlan, after(decisionHistory.at, since), ne(decisionHistory.actorId, readerId)));
  const statusChanged = new Set<string>();
  const stanceOrganizations = new Map<string, Set<string>>();
  for (const { decisionId, changes } of entries) {
    if ('status' in changes) statusChanged.add(decisionId);
    // A stance entry names its organization; a text edit (title, body) names neither and is not news here.
    const organizationId = changes.organizationId;
    if (typeof organizationId === 'string') {
      const organizationsOf = stanceOrganizations.get(decisionId) ?? new Set<string>();
      organizationsOf.add(organizationId);
      stanceOrganizations.set(decisionId, organizationsOf);
    }
  }
  const touched = [...new Set([...statusChanged, ...stanceOrganizations.keys()])];
  const createdByOthers = and(after(decisions.createdAt, since), ne(decisions.createdById, readerId));
  const rows = await tx
    .select({ id: decisions.id, ref: decisions.ref, title: decisions.title, status: decisions.status, createdAt: decisions.createdAt, createdById: decisions.createdById })
    .from(decisions)
    .where(and(ofThisPlan, touched.length ? or(createdByOthers, inArray(decisions.id, touched)) : createdByOthers))
    .orderBy(asc(decisions.ref));
  return rows.map((d) => ({
    id: d.id,
    ref: `D-${d.ref}`,
    title: d.title,
    status: d.status,
    created: d.createdAt > since && d.createdById !== readerId,
    statusChanged: statusChanged.has(d.id),
    stancesRecorded: stanceOrganizations.get(d.id)?.size ?? 0,
  }));
}
