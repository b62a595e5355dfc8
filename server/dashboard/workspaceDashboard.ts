/**
 * A working group's home at a glance, in one request: what my agency still has to say, the actions
 * on my agency and those overdue, the next meeting, recently changed plans, unread comment
 * notifications and the activities' progress by mandate area and status.
 */
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { actions, activityProjection, decisions, documents, meetings, memberships, notifications, stances } from '../../db/schema.js';
import { ACTIVITY_STATUSES, type ActivityStatus } from '../../shared/constants.js';
import type { WorkspaceAccess } from '../policies/workspacePolicy.js';
import { presentAction } from '../routes/decisions/presenters.js';
import { workingDay } from '../../shared/calendar.js';

/** A meeting that started this long ago and is not closed still counts as upcoming. */
const RECENT_START_MS = 3 * 60 * 60 * 1000;
const LIST_LIMIT = 10;

export interface MandateAreaProgress {
  mandateArea: string | null;
  total: number;
  byStatus: Record<ActivityStatus, number>;
}

/** Calendar date of today in Mexico City, as action due dates are agreed. */
function today(): string {
  return workingDay();
}

function emptyStatusCounts(): Record<ActivityStatus, number> {
  return Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<ActivityStatus, number>;
}

/** Builds the dashboard of `access.workspaceId` for the member `access`. */
export async function workspaceDashboard(tx: Executor, access: WorkspaceAccess) {
  const { workspaceId, organizationId, userId } = access;

  // Only an organization taking part (a non-observer member) is asked for a stance.
  const [participating] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.organizationId, organizationId), ne(memberships.role, 'observer')));
  const pendingWhere = and(
    eq(decisions.workspaceId, workspaceId),
    eq(decisions.status, 'proposed'),
    notExists(tx.select({ one: sql`1` }).from(stances).where(and(eq(stances.decisionId, decisions.id), eq(stances.organizationId, organizationId)))),
  );
  const asked = Number(participating?.n ?? 0) > 0;
  const pending = asked
    ? await tx
        .select({ id: decisions.id, ref: decisions.ref, title: decisions.title, dueDate: decisions.dueDate, createdAt: decisions.createdAt })
        .from(decisions)
        .where(pendingWhere)
        .orderBy(asc(decisions.ref))
        .limit(LIST_LIMIT)
    : [];

  const myWhere = and(eq(actions.workspaceId, workspaceId), eq(actions.status, 'open'), or(eq(actions.assigneeId, userId), eq(actions.ownerOrganizationId, organizationId)));
  const overdueWhere = and(eq(actions.workspaceId, workspaceId), eq(actions.status, 'open'), lt(actions.dueDate, today()));
  const myActions = await tx.select().from(actions).where(myWhere).orderBy(asc(actions.dueDate)).limit(LIST_LIMIT);
  const overdue = await tx.select().from(actions).where(overdueWhere).orderBy(asc(actions.dueDate)).limit(LIST_LIMIT);
  // The lists stop at LIST_LIMIT; the totals are counted, so a card never reads "10" for 13.
  const total = async (rows: unknown[], counted: () => Promise<Array<{ n: number }>>) => (rows.length < LIST_LIMIT ? rows.length : Number((await counted())[0]?.n ?? 0));
  const totals = {
    pendingStances: await total(pending, () => tx.select({ n: count() }).from(decisions).where(pendingWhere)),
    myActions: await total(myActions, () => tx.select({ n: count() }).from(actions).where(myWhere)),
    overdueActions: await total(overdue, () => tx.select({ n: count() }).from(actions).where(overdueWhere)),
  };

  // A live meeting first, then the next scheduled one.
  const [meeting] = await tx
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status, agendaItems: sql<number>`jsonb_array_length(${meetings.agenda})` })
    .from(meetings)
    .where(and(eq(meetings.workspaceId, workspaceId), or(eq(meetings.status, 'live'), and(eq(meetings.status, 'scheduled'), gte(meetings.startsAt, new Date(Date.now() - RECENT_START_MS))))))
    .orderBy(sql`case when ${meetings.status} = 'live' then 0 else 1 end`, asc(meetings.startsAt))
    .limit(1);

  const recentPlans = await tx
    .select({ id: documents.id, title: documents.title, updatedAt: documents.updatedAt })
    .from(documents)
    .where(eq(documents.workspaceId, workspaceId))
    .orderBy(desc(documents.updatedAt))
    .limit(5);

  const [unread] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.workspaceId, workspaceId), isNull(notifications.readAt), inArray(notifications.kind, ['mention', 'reply'])));

  const progressRows = await tx
    .select({ mandateArea: activityProjection.mandateArea, status: activityProjection.status, n: count() })
    .from(activityProjection)
    .where(eq(activityProjection.workspaceId, workspaceId))
    .groupBy(activityProjection.mandateArea, activityProjection.status);
  const byArea = new Map<string | null, MandateAreaProgress>();
  const byStatus = emptyStatusCounts();
  for (const r of progressRows) {
    const status = (ACTIVITY_STATUSES as readonly string[]).includes(r.status) ? (r.status as ActivityStatus) : 'planned';
    const n = Number(r.n);
    const entry = byArea.get(r.mandateArea) ?? { mandateArea: r.mandateArea, total: 0, byStatus: emptyStatusCounts() };
    entry.total += n;
    entry.byStatus[status] += n;
    byArea.set(r.mandateArea, entry);
    byStatus[status] += n;
  }

  return {
    pendingStances: pending.map((d) => ({ id: d.id, ref: `D-${d.ref}`, title: d.title, dueDate: d.dueDate, createdAt: d.createdAt.toISOString() })),
    canCastStance: access.focalPoint || access.role === 'facilitator',
    myActions: myActions.map(presentAction),
    overdueActions: overdue.map(presentAction),
    totals,
    upcomingMeeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString(), status: meeting.status, agendaItems: Number(meeting.agendaItems) } : null,
    recentPlans: recentPlans.map((p) => ({ id: p.id, title: p.title, updatedAt: p.updatedAt.toISOString() })),
    unreadComments: Number(unread?.n ?? 0),
    activityProgress: {
      byMandateArea: [...byArea.values()].sort((x, y) => y.total - x.total || String(x.mandateArea).localeCompare(String(y.mandateArea))),
      byStatus: ACTIVITY_STATUSES.map((status) => ({ status, count: byStatus[status] })),
    },
  };
}
