/**
 * What needs the caller across all their working groups, for the home page: decisions awaiting their
 * organization's stance, their (or their organization's) overdue actions, unread notifications, meetings in
 * progress and plans with news since their last visit. Counted per group in a handful of grouped queries, whatever
 * the number of groups.
 */
import { and, count, eq, inArray, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { actions, decisions, meetings, memberships, notifications, stances } from '../../db/schema.js';
import type { WorkspaceAttention } from '../../shared/attention.js';
import { workingDay } from '../../shared/calendar.js';
import { hasNews, plansSinceVisit } from '../notifications/plansSinceVisit.js';

/** Calendar date of today in Mexico City, as action due dates are agreed. */
const today = (): string => workingDay();

/** Counts, per working group the user belongs to, of what awaits them there. */
export async function attentionFor(tx: Executor, user: { userId: string; organizationId: string }): Promise<WorkspaceAttention[]> {
  const mine = await tx.select({ workspaceId: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, user.userId));
  const ids = mine.map((m) => m.workspaceId);
  if (ids.length === 0) return [];

  // A stance is asked of an organization taking part (a non-observer member), as on each group's dashboard.
  const participating = tx
    .select({ w: memberships.workspaceId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, user.organizationId), ne(memberships.role, 'observer')));
  const [pending, overdue, unread, live] = await Promise.all([
    tx
      .select({ workspaceId: decisions.workspaceId, n: count() })
      .from(decisions)
      .where(
        and(
          inArray(decisions.workspaceId, ids),
          inArray(decisions.workspaceId, participating),
          eq(decisions.status, 'proposed'),
          notExists(tx.select({ one: sql`1` }).from(stances).where(and(eq(stances.decisionId, decisions.id), eq(stances.organizationId, user.organizationId)))),
        ),
      )
      .groupBy(decisions.workspaceId),
    tx
      .select({ workspaceId: actions.workspaceId, n: count() })
      .from(actions)
      .where(
        and(
          inArray(actions.workspaceId, ids),
          eq(actions.status, 'open'),
          lt(actions.dueDate, today()),
          or(eq(actions.assigneeId, user.userId), eq(actions.ownerOrganizationId, user.organizationId)),
        ),
      )
      .groupBy(actions.workspaceId),
    tx
      .select({ workspaceId: notifications.workspaceId, n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, user.userId), inArray(notifications.workspaceId, ids), isNull(notifications.readAt)))
      .groupBy(notifications.workspaceId),
    tx
      .select({ workspaceId: meetings.workspaceId, id: meetings.id, title: meetings.title })
      .from(meetings)
      .where(and(inArray(meetings.workspaceId, ids), eq(meetings.status, 'live'))),
  ]);
  const countsOf = (rows: { workspaceId: string; n: number }[]) => new Map(rows.map((r) => [r.workspaceId, Number(r.n)]));
  const pendingBy = countsOf(pending);
  const overdueBy = countsOf(overdue);
  const unreadBy = countsOf(unread);
  const changedBy = new Map<string, number>();
  for (const p of await plansSinceVisit(tx, user.userId, ids)) if (hasNews(p)) changedBy.set(p.workspaceId, (changedBy.get(p.workspaceId) ?? 0) + 1);
  const liveBy = new Map(live.map((m) => [m.workspaceId, { id: m.id, title: m.title }]));
  return ids.map((workspaceId) => ({
    workspaceId,
    pendingStances: pendingBy.get(workspaceId) ?? 0,
    overdueActions: overdueBy.get(workspaceId) ?? 0,
    unread: unreadBy.get(workspaceId) ?? 0,
    changedPlans: changedBy.get(workspaceId) ?? 0,
    liveMeeting: liveBy.get(workspaceId) ?? null,
  }));
}
