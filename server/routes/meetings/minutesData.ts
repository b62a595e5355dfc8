/** What the minutes of a meeting say: gathered live until close, then frozen in the meeting row. */
import { and, eq, inArray } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { actions, decisions, memberships, organizations, stances, workspaces } from '../../../db/schema.js';
import type { ActionStatus, DecisionStatus, Stance } from '../../../shared/constants.js';
import { canSeeStance } from '../../policies/decisionPolicy.js';
import type { meetings } from '../../../db/schema.js';

export interface FrozenMinutes {
  agenda: Array<{ title: string; minutes?: number }>;
  attendance: string[];
  /** `hiddenStances`: organizations whose stance is recorded but hidden until the decision closes (absent in minutes frozen before this field). */
  decisions: Array<{ id: string; ref: string; title: string; status: DecisionStatus; body: string; stances: Array<{ organizationId: string; stance: Stance; reason: string; onBehalf: boolean }>; hiddenStances?: string[] }>;
  actions: Array<{ title: string; ownerOrganizationId: string; dueDate: string; status: ActionStatus; decisionRef: string }>;
  versionIds: string[];
  startedAt: string | null;
  closedAt: string | null;
  /** The group's and the organizations' names as they were at the close: a later rename leaves the record as it was (absent in minutes frozen before). */
  workspaceName?: string;
  organizations?: Record<string, { name: string; acronym: string }>;
  /**
   * The organizations with members in the group at the close: one that attended without being one is a guest, which
   * takes no stance (absent in minutes frozen before; every attendee then reads as a member).
   */
  memberOrganizationIds?: string[];
}

/** Gathers decisions recorded in the meeting, their stances (hidden ones stay hidden, counted), actions, and the names they use. */
export async function gatherMinutes(tx: Executor, meeting: InferSelectModel<typeof meetings>, closedAt: Date | null, versionIds: string[]): Promise<FrozenMinutes> {
  // Only the meeting's own group's decisions: a link from another group (refused since, but possibly stored) must not show.
  const ds = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.meetingId, meeting.id), eq(decisions.workspaceId, meeting.workspaceId)))
    .orderBy(decisions.ref);
  const ids = ds.map((d) => d.id);
  const st = ids.length ? await tx.select().from(stances).where(inArray(stances.decisionId, ids)) : [];
  const acts = ids.length ? await tx.select().from(actions).where(inArray(actions.decisionId, ids)).orderBy(actions.createdAt, actions.id) : [];
  const refOf = new Map(ds.map((d) => [d.id, `D-${d.ref}`]));
  const orgIds = [...meeting.attendance, ...st.map((s) => s.organizationId), ...acts.map((a) => a.ownerOrganizationId)];
  const names = await minutesNames(tx, meeting.workspaceId, orgIds);
  const members = await tx.selectDistinct({ organizationId: memberships.organizationId }).from(memberships).where(eq(memberships.workspaceId, meeting.workspaceId));
  return {
    agenda: meeting.agenda,
    attendance: meeting.attendance,
    decisions: ds.map((d) => ({
      id: d.id,
      ref: `D-${d.ref}`,
      title: d.title,
      status: d.status as DecisionStatus,
      body: d.body,
      stances: st
        .filter((s) => s.decisionId === d.id && canSeeStance(d, '', s.organizationId))
        .map((s) => ({ organizationId: s.organizationId, stance: s.stance as Stance, reason: s.reason, onBehalf: s.onBehalf })),
      hiddenStances: st.filter((s) => s.decisionId === d.id && !canSeeStance(d, '', s.organizationId)).map((s) => s.organizationId),
    })),
    actions: acts.map((a) => ({ title: a.title, ownerOrganizationId: a.ownerOrganizationId, dueDate: a.dueDate, status: a.status as ActionStatus, decisionRef: refOf.get(a.decisionId) ?? '' })),
    versionIds,
    startedAt: meeting.startedAt?.toISOString() ?? null,
    closedAt: closedAt?.toISOString() ?? null,
    ...names,
    memberOrganizationIds: members.map((m) => m.organizationId),
  };
}

/** The group's name and the named organizations' names and acronyms, as they are now. */
export async function minutesNames(tx: Executor, workspaceId: string, organizationIds: string[]): Promise<Required<Pick<FrozenMinutes, 'workspaceName' | 'organizations'>>> {
  const ids = [...new Set(organizationIds)];
  const rows = ids.length ? await tx.select({ id: organizations.id, name: organizations.name, acronym: organizations.acronym }).from(organizations).where(inArray(organizations.id, ids)) : [];
  const [group] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { workspaceName: group?.name ?? '', organizations: Object.fromEntries(rows.map((o) => [o.id, { name: o.name, acronym: o.acronym }])) };
}
