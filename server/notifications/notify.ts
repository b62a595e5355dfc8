/**
 * Creating notifications inside the caller's transaction and pushing them live to their users after
 * commit (`notification:created`). Other features call `notifyStanceRequested`, `notifyActionAssigned` and `notifyOverlap`; actionReminders.ts
 * writes `action_due`.
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import { ROWS_PER_STATEMENT, type Executor } from '../../db/client.js';
import { documents, memberships, notifications } from '../../db/schema.js';
import { newId } from '../ids.js';
import type { EventPublisher } from '../services.js';
import { stanceRequestsOf, tellStanceRequestHolders } from './stanceRequestState.js';

export const NOTIFICATION_KINDS = ['mention', 'reply', 'thread_resolved', 'stance_requested', 'overlap', 'action_assigned', 'action_due'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationRow = InferSelectModel<typeof notifications>;

export interface NewNotification {
  userId: string;
  workspaceId: string;
  kind: NotificationKind;
  target: Record<string, unknown>;
}

/** What a route context offers for live delivery; `RouteContext` fits as-is. */
export interface LiveDelivery {
  afterCommit(fn: () => void | Promise<void>): void;
  services: { events: EventPublisher };
}

/** The contract's JSON for a notification. */
export function presentNotification(n: NotificationRow) {
  return { id: n.id, kind: n.kind, workspaceId: n.workspaceId, target: n.target, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null };
}

/** Sends each notification to its user's sockets (on every node). */
export function deliverNotifications(events: EventPublisher, rows: NotificationRow[]): void {
  for (const n of rows) events.toUser(n.userId, 'notification:created', { workspaceId: n.workspaceId, notification: presentNotification(n) });
}

/** Inserts notifications in `tx`; with `live`, pushes them once the transaction has committed. */
export async function createNotifications(tx: Executor, items: NewNotification[], live?: LiveDelivery): Promise<NotificationRow[]> {
  if (!items.length) return [];
  const rows = await tx
    .insert(notifications)
    .values(items.map((i) => ({ id: newId('ntf'), userId: i.userId, workspaceId: i.workspaceId, kind: i.kind, target: i.target })))
    .returning();
  if (live) live.afterCommit(() => deliverNotifications(live.services.events, rows));
  return rows;
}

/**
 * Who is asked for one organization's stance, out of its members in a working group: its focal point, who speaks for
 * it whatever their role (see authorizeStance); without one, its members who may take part. An organization there
 * only to observe casts no stance, so no one is asked.
 */
export function askedFor<M extends { role: string; focalPoint: boolean }>(group: M[]): M[] {
  const taking = group.filter((m) => m.role !== 'observer');
  if (!taking.length) return [];
  const focal = group.filter((m) => m.focalPoint);
  return focal.length ? focal : taking;
}

/** Members of a workspace (user, organization, role, focal point). */
export async function membersOf(tx: Executor, workspaceId: string) {
  return tx
    .select({ userId: memberships.userId, organizationId: memberships.organizationId, role: memberships.role, focalPoint: memberships.focalPoint })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId));
}

export interface StanceRequest {
  id: string;
  workspaceId: string;
  ref?: number | string;
  title?: string;
  createdById?: string;
}

/**
 * A decision awaits stances: notify each organization's focal point in the working group (or, for
 * an organization without one, its members, so someone knows). `organizationIds` narrows who is asked.
 */
export async function notifyStanceRequested(tx: Executor, decision: StanceRequest, live?: LiveDelivery, organizationIds?: string[]): Promise<NotificationRow[]> {
  const members = await membersOf(tx, decision.workspaceId);
  const wanted = organizationIds ? new Set(organizationIds) : undefined;
  const byOrg = new Map<string, typeof members>();
  for (const m of members) {
    if (wanted && !wanted.has(m.organizationId)) continue;
    byOrg.set(m.organizationId, [...(byOrg.get(m.organizationId) ?? []), m]);
  }
  const recipients: Array<{ userId: string; organizationId: string }> = [];
  for (const [, group] of byOrg) recipients.push(...askedFor(group));
  return createNotifications(
    tx,
    recipients
      .filter((r) => r.userId !== decision.createdById)
      .map((r) => ({
        userId: r.userId,
        workspaceId: decision.workspaceId,
        kind: 'stance_requested' as const,
        target: { type: 'decision', decisionId: decision.id, organizationId: r.organizationId, ...(decision.ref !== undefined ? { ref: decision.ref } : {}), ...(decision.title ? { title: decision.title } : {}) },
      })),
    live,
  );
}

/** An action assigned to someone (at creation or later): they are told, unless they assigned it to themselves. */
export async function notifyActionAssigned(
  tx: Executor,
  action: { id: string; workspaceId: string; decisionId: string; title: string; dueDate: string; assigneeId: string | null },
  actorId: string,
  live?: LiveDelivery,
): Promise<NotificationRow[]> {
  if (!action.assigneeId || action.assigneeId === actorId) return [];
  const target = { type: 'action', actionId: action.id, decisionId: action.decisionId, title: action.title, dueDate: action.dueDate, actorId };
  return createNotifications(tx, [{ userId: action.assigneeId, workspaceId: action.workspaceId, kind: 'action_assigned', target }], live);
}

/**
 * Marks the notifications `which` selects read, and returns them. The rows are locked in id order first: an UPDATE
 * locks rows in the order its plan meets them, and two requests marking some of the same rows read in different
 * orders deadlocked (a decision closing, found by scanning the table, against a change of who speaks for an
 * organization, found by id; a person's "mark all read" against either).
 */
export async function markRead(tx: Executor, which: SQL): Promise<Array<{ id: string; userId: string; workspaceId: string }>> {
  const locked = (await tx.select({ id: notifications.id }).from(notifications).where(which).orderBy(asc(notifications.id)).for('update')).map((n) => n.id);
  const read: Array<{ id: string; userId: string; workspaceId: string }> = [];
  const readAt = new Date();
  // In slices (ROWS_PER_STATEMENT): one bound parameter per id.
  for (let i = 0; i < locked.length; i += ROWS_PER_STATEMENT) {
    const slice = locked.slice(i, i + ROWS_PER_STATEMENT);
    read.push(...(await tx.update(notifications).set({ readAt }).where(inArray(notifications.id, slice)).returning({ id: notifications.id, userId: notifications.userId, workspaceId: notifications.workspaceId })));
  }
  return read;
}

/**
 * Marks the unread notifications of `kind` that `which` selects read: they no longer stand (answered, closed, moved).
 * After commit their users' pages hear `notification:read`, so counts and inbox rows follow.
 */
async function settleUnread(tx: Executor, kind: NotificationKind, which: SQL | undefined, live?: LiveDelivery): Promise<void> {
  const settled = await markRead(tx, and(eq(notifications.kind, kind), isNull(notifications.readAt), which)!);
  if (!live || !settled.length) return;
  live.afterCommit(() => {
    for (const n of settled) live.services.events.toUser(n.userId, 'notification:read', { workspaceId: n.workspaceId, ids: [n.id] });
  });
}

/** The notifications about one follow-up action (`action_assigned`, `action_due`). */
const aboutAction = (actionId: string): SQL => sql`${notifications.target}->>'actionId' = ${actionId}`;

/** Marks the unread stance requests `which` selects read (see settleUnread). */
export async function settleRequests(tx: Executor, which: SQL, live?: LiveDelivery): Promise<void> {
  await settleUnread(tx, 'stance_requested', which, live);
}

/**
 * Reminders of an action that no longer stand as sent: it was done or cancelled, its due date moved (a new date gets
 * its own) or it passed to someone else. Marked read, as answered stance requests are, so the inbox's unread count
 * holds only what still waits.
 */
export async function settleActionReminders(tx: Executor, actionId: string, live?: LiveDelivery): Promise<void> {
  await settleUnread(tx, 'action_due', aboutAction(actionId), live);
}

/**
 * «X assigned you an action» notices that no longer stand: the action closed (`keep` null), or passed to someone else
 * (`keep` the new assignee, whose own notice stays). Marked read, so nobody is left with an unread assignment that is
 * not theirs any more.
 */
export async function settleAssignments(tx: Executor, actionId: string, keep: string | null, live?: LiveDelivery): Promise<void> {
  await settleUnread(tx, 'action_assigned', and(aboutAction(actionId), keep ? ne(notifications.userId, keep) : undefined), live);
}

/**
 * Stance requests that no longer wait: the organization has recorded its stance (`organizationId`), or the decision
 * closed (all of them). Marked read, so an inbox shows only what still needs someone; those read already are told
 * apart, as their inbox rows now say the stance was given or the decision closed (stanceRequestState.ts).
 */
export async function settleStanceRequests(tx: Executor, decisionId: string, organizationId: string | undefined, live?: LiveDelivery): Promise<void> {
  const which = stanceRequestsOf(decisionId, organizationId);
  if (live) await tellStanceRequestHolders(tx, and(which, isNotNull(notifications.readAt))!, live);
  await settleRequests(tx, which, live);
}

export interface OverlapSide {
  documentId: string;
  activityId: string;
  /** Looked up from the document when omitted. */
  workspaceId?: string;
}

/**
 * An overlap was flagged: notify the facilitators of each side's working group. Each side learns only
 * its own activity (need-to-know); the overlap id leads to what the matrix lets them see.
 */
export async function notifyOverlap(tx: Executor, overlap: { id: string; a: OverlapSide; b: OverlapSide }, live?: LiveDelivery): Promise<NotificationRow[]> {
  const sides = [overlap.a, overlap.b];
  const missing = sides.filter((s) => !s.workspaceId).map((s) => s.documentId);
  const found = missing.length ? await tx.select({ id: documents.id, workspaceId: documents.workspaceId }).from(documents).where(inArray(documents.id, missing)) : [];
  const items: NewNotification[] = [];
  const seen = new Set<string>();
  for (const side of sides) {
    const workspaceId = side.workspaceId ?? found.find((d) => d.id === side.documentId)?.workspaceId;
    if (!workspaceId) continue;
    const facilitators = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'facilitator')));
    for (const f of facilitators) {
      const key = `${f.userId}|${side.documentId}|${side.activityId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ userId: f.userId, workspaceId, kind: 'overlap', target: { type: 'overlap', overlapId: overlap.id, documentId: side.documentId, activityId: side.activityId } });
    }
  }
  return createNotifications(tx, items, live);
}
