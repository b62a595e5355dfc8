/** Decisions, stances and quorum as the API shows them. */
import { and, eq, ne } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { actions, decisionHistory, decisions, memberships, organizations, stances } from '../../../db/schema.js';
import { canSeeStance } from '../../policies/decisionPolicy.js';
import { workingDay } from '../../../shared/calendar.js';

type Decision = InferSelectModel<typeof decisions>;
type StanceRow = InferSelectModel<typeof stances>;

export function presentDecision(d: Decision) {
  return {
    id: d.id,
    workspaceId: d.workspaceId,
    ref: `D-${d.ref}`,
    number: d.ref,
    title: d.title,
    body: d.body,
    status: d.status,
    documentId: d.documentId,
    activityIds: d.activityIds,
    meetingId: d.meetingId,
    ownerOrganizationId: d.ownerOrganizationId,
    dueDate: d.dueDate,
    stanceVisibility: d.stanceVisibility,
    createdById: d.createdById,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    closedAt: d.closedAt?.toISOString() ?? null,
    supersededById: d.supersededById,
  };
}

/** A stance, or its hidden form when the viewer may not see it yet. */
export function presentStance(d: Decision, s: StanceRow, viewerOrganizationId: string) {
  if (!canSeeStance(d, viewerOrganizationId, s.organizationId)) return { organizationId: s.organizationId, hidden: true as const };
  return { organizationId: s.organizationId, stance: s.stance, reason: s.reason, castById: s.castById, onBehalf: s.onBehalf, updatedAt: s.updatedAt.toISOString() };
}

export function presentAction(a: InferSelectModel<typeof actions>) {
  return {
    id: a.id,
    workspaceId: a.workspaceId,
    decisionId: a.decisionId,
    title: a.title,
    ownerOrganizationId: a.ownerOrganizationId,
    assigneeId: a.assigneeId,
    dueDate: a.dueDate,
    activityId: a.activityId,
    status: a.status,
    overdue: a.status === 'open' && a.dueDate < workingDay(),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Organizations taking part in a workspace (those with a non-observer member), with their level. */
export async function participatingOrganizations(tx: Executor, workspaceId: string) {
  const rows = await tx
    .selectDistinct({ id: organizations.id, acronym: organizations.acronym, name: organizations.name, level: organizations.level })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.workspaceId, workspaceId), ne(memberships.role, 'observer')));
  return rows.sort((a, b) => a.acronym.localeCompare(b.acronym));
}

/** The full decision view: stances (visibility applied), actions, history and the quorum summary. */
export async function decisionDetail(tx: Executor, d: Decision, viewerOrganizationId: string) {
  const stanceRows = await tx.select().from(stances).where(eq(stances.decisionId, d.id));
  const actionRows = await tx.select().from(actions).where(eq(actions.decisionId, d.id)).orderBy(actions.createdAt, actions.id);
  const history = await tx.select().from(decisionHistory).where(eq(decisionHistory.decisionId, d.id)).orderBy(decisionHistory.id);
  const orgs = await participatingOrganizations(tx, d.workspaceId);
  const cast = new Set(stanceRows.map((s) => s.organizationId));
  const pending = orgs.filter((o) => !cast.has(o.id));
  const byLevel: Record<string, { total: number; pending: string[] }> = {};
  for (const o of orgs) {
    const entry = (byLevel[o.level] ??= { total: 0, pending: [] });
    entry.total++;
    if (!cast.has(o.id)) entry.pending.push(o.id);
  }
  return {
    decision: presentDecision(d),
    stances: stanceRows.map((s) => presentStance(d, s, viewerOrganizationId)),
    actions: actionRows.map(presentAction),
    history: history.map((h) => ({ at: h.at.toISOString(), actorId: h.actorId, changes: h.changes })),
    quorum: {
      participating: orgs.map((o) => ({ organizationId: o.id, acronym: o.acronym, level: o.level, hasStance: cast.has(o.id) })),
      pendingOrganizationIds: pending.map((o) => o.id),
      byLevel,
      complete: pending.length === 0,
    },
  };
}
