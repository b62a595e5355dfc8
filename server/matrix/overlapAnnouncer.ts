/**
 * Telling people about newly flagged overlaps: an `overlap:flagged` event to each side's working
 * group room with only what that room may see, and a notification to each side's lead organization's
 * focal point (its facilitators when that organization has none there), never revealing a side the
 * recipient may not see.
 */
import { and, eq, inArray, isNull, notExists, or, sql, type InferSelectModel } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { memberships, notifications, overlaps } from '../../db/schema.js';
import { newId } from '../ids.js';
import type { EventPublisher } from '../services.js';
import type { OverlapPassResult, OverlapRow } from './overlapPass.js';
import { loadOverlapSides, mayViewOverlap, viewOverlap, type OverlapSideInfo } from './overlapView.js';
import { markRead } from '../notifications/notify.js';

/** A route context fits: events queued until commit, work after commit, live delivery. */
export interface OverlapDelivery {
  emit(workspaceId: string, event: string, payload: Record<string, unknown>): void;
  afterCommit(fn: () => void | Promise<void>): void;
  services: { events: EventPublisher };
}

interface NewNotification {
  userId: string;
  workspaceId: string;
  target: Record<string, unknown>;
}

/**
 * Inserts `overlap` notifications and pushes them to their users after commit, in the shape the
 * notifications API uses (written here so the matrix does not depend on the comments feature's module).
 */
async function notify(tx: Executor, items: NewNotification[], delivery: OverlapDelivery): Promise<void> {
  if (!items.length) return;
  const rows: Array<InferSelectModel<typeof notifications>> = [];
  // Chunked: a rebuild may flag thousands at once, beyond one statement's parameter limit.
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    rows.push(...(await tx.insert(notifications).values(chunk.map((n) => ({ id: newId('ntf'), userId: n.userId, workspaceId: n.workspaceId, kind: 'overlap', target: n.target }))).returning()));
  }
  delivery.afterCommit(() => {
    for (const n of rows) {
      const notification = { id: n.id, kind: n.kind, workspaceId: n.workspaceId, target: n.target, createdAt: n.createdAt.toISOString(), readAt: null };
      delivery.services.events.toUser(n.userId, 'notification:created', { workspaceId: n.workspaceId, notification });
    }
  });
}

type Member = { userId: string; workspaceId: string; organizationId: string; role: string; focalPoint: boolean };

/** Members of the given working groups, grouped by group (one query for a whole batch of overlaps). */
async function membersByWorkspace(tx: Executor, workspaceIds: string[]): Promise<Map<string, Member[]>> {
  const out = new Map<string, Member[]>();
  if (!workspaceIds.length) return out;
  const rows = await tx
    .select({ userId: memberships.userId, workspaceId: memberships.workspaceId, organizationId: memberships.organizationId, role: memberships.role, focalPoint: memberships.focalPoint })
    .from(memberships)
    .where(inArray(memberships.workspaceId, workspaceIds));
  for (const r of rows) out.set(r.workspaceId, [...(out.get(r.workspaceId) ?? []), r]);
  return out;
}

/** Users to tell about one side: its lead organization's focal points there, else the group's facilitators. */
function recipientsFor(side: OverlapSideInfo, members: Map<string, Member[]>): string[] {
  const here = side.workspaceId ? (members.get(side.workspaceId) ?? []) : [];
  const focal = here.filter((m) => m.focalPoint && m.organizationId === side.leadOrganizationId);
  return (focal.length ? focal : here.filter((m) => m.role === 'facilitator')).map((m) => m.userId);
}

/** Working groups each user belongs to. */
async function membershipsOf(tx: Executor, userIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!userIds.length) return out;
  const rows = await tx.select({ userId: memberships.userId, workspaceId: memberships.workspaceId }).from(memberships).where(inArray(memberships.userId, userIds));
  for (const r of rows) {
    let set = out.get(r.userId);
    if (!set) out.set(r.userId, (set = new Set()));
    set.add(r.workspaceId);
  }
  return out;
}

/** `user|document|activity` of the unread overlap notifications these people already have. */
async function unreadOverlapNotices(tx: Executor, userIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (!userIds.length) return out;
  const rows = await tx
    .select({ userId: notifications.userId, documentId: sql<string>`${notifications.target}->>'documentId'`, activityId: sql<string>`${notifications.target}->>'activityId'` })
    .from(notifications)
    .where(and(eq(notifications.kind, 'overlap'), isNull(notifications.readAt), inArray(notifications.userId, userIds)));
  for (const r of rows) out.add(`${r.userId}|${r.documentId}|${r.activityId}`);
  return out;
}

/**
 * Queues the events and inserts the notifications for newly flagged overlaps, inside `tx`. A person is told once
 * per activity of theirs until they read it: an activity that overlaps fifty others, or is flagged again after an
 * edit, does not fill their inbox (the matrix lists every flag).
 */
export async function announceOverlaps(tx: Executor, flagged: OverlapRow[], delivery: OverlapDelivery): Promise<void> {
  if (!flagged.length) return;
  const sidesById = await loadOverlapSides(tx, flagged);
  const allSides = [...sidesById.values()].flatMap((x) => [x.a, x.b]);
  const members = await membersByWorkspace(tx, [...new Set(allSides.map((x) => x.workspaceId).filter((w): w is string => !!w))]);
  const recipients = new Map(allSides.map((side) => [side, recipientsFor(side, members)]));
  const people = [...new Set([...recipients.values()].flat())];
  const memberOf = await membershipsOf(tx, people);
  const alreadyTold = await unreadOverlapNotices(tx, people);
  const items: NewNotification[] = [];
  for (const o of flagged) {
    const sides = sidesById.get(o.id);
    if (!sides) continue;
    const rooms = new Set([sides.a.workspaceId, sides.b.workspaceId].filter((w): w is string => !!w));
    for (const room of rooms) {
      const view = viewOverlap(o, sides, new Set([room]));
      if (view) delivery.emit(room, 'overlap:flagged', { overlap: view });
    }
    const told = new Set<string>();
    for (const side of [sides.a, sides.b]) {
      for (const userId of recipients.get(side) ?? []) {
        if (told.has(userId) || !mayViewOverlap(sides, memberOf.get(userId) ?? new Set())) continue;
        told.add(userId);
        const notice = `${userId}|${side.documentId}|${side.activityId}`;
        if (alreadyTold.has(notice)) continue;
        alreadyTold.add(notice);
        items.push({
          userId,
          workspaceId: side.workspaceId as string,
          // The recipient's own activity, by its title: two notices of one inbox are told apart (their group sees it).
          target: { type: 'overlap', overlapId: o.id, documentId: side.documentId, activityId: side.activityId, ...(side.title ? { title: side.title } : {}) },
        });
      }
    }
  }
  await notify(tx, items, delivery);
}

/** Gone flags told to rooms one by one, at most: a page refetches its whole list on the first it hears. */
const MAX_GONE_ANNOUNCED = 200;

/**
 * Announces what a projection pass changed: new flags (see `announceOverlaps`); flags gone and rescored, to every
 * room that may see them (`overlap:removed` / `overlap:updated`), so the other group's open matrix page drops or
 * refreshes them too (its own room hears no `matrix:updated` for another group's plan); and the notices about
 * activities left without any open flag are settled.
 */
export async function announceOverlapPass(tx: Executor, pass: Pick<OverlapPassResult, 'flagged' | 'gone' | 'rescored'>, delivery: OverlapDelivery): Promise<void> {
  await announceOverlaps(tx, pass.flagged, delivery);
  const told = [...pass.gone.slice(0, MAX_GONE_ANNOUNCED), ...pass.rescored];
  if (told.length) {
    const sidesById = await loadOverlapSides(tx, told);
    const goneIds = new Set(pass.gone.map((o) => o.id));
    for (const o of told) {
      const sides = sidesById.get(o.id);
      if (!sides) continue;
      for (const room of new Set([sides.a.workspaceId, sides.b.workspaceId].filter((w): w is string => !!w))) {
        const view = viewOverlap(o, sides, new Set([room]));
        if (!view) continue;
        if (goneIds.has(o.id)) delivery.emit(room, 'overlap:removed', { overlapId: o.id });
        else delivery.emit(room, 'overlap:updated', { overlap: view });
      }
    }
  }
  const sides = new Map<string, { documentId: string; activityId: string }>();
  for (const o of pass.gone) {
    sides.set(`${o.aDocumentId}:${o.aActivityId}`, { documentId: o.aDocumentId, activityId: o.aActivityId });
    sides.set(`${o.bDocumentId}:${o.bActivityId}`, { documentId: o.bDocumentId, activityId: o.bActivityId });
  }
  await settleOverlapNotices(tx, [...sides.values()], delivery);
}

/**
 * Overlap notices about these activities are marked read once an activity has no open overlap left (after a resolve,
 * or when its flags went away): a notice stands for every flag on its activity (see `announceOverlaps`). Their
 * users' pages hear `notification:read`, so an inbox does not keep asking about what is settled, and a later flag
 * of the activity is told again. Someone who left the notice's group since has theirs settled too, but hears
 * nothing: their sockets heard the last of that group with `access:revoked`.
 */
export async function settleOverlapNotices(tx: Executor, sides: Array<{ documentId: string; activityId: string }>, delivery: OverlapDelivery): Promise<void> {
  const settled: Array<{ id: string; userId: string; workspaceId: string }> = [];
  // One statement per 1,000 activities, whatever a pass removed (a plan deleted whole drops all its flags). Each locks
  // its notices in id order (markRead); a pass past 1,000 activities does not across its slices, which only a plan
  // deleted whole reaches, in the background.
  for (let i = 0; i < sides.length; i += 1000) {
    const wanted = JSON.stringify(sides.slice(i, i + 1000).map((s) => [s.documentId, s.activityId]));
    const docOf = sql`${notifications.target}->>'documentId'`;
    const actOf = sql`${notifications.target}->>'activityId'`;
    settled.push(
      ...(await markRead(
        tx,
        and(
          eq(notifications.kind, 'overlap'),
          isNull(notifications.readAt),
          sql`(${docOf}, ${actOf}) in (select s->>0, s->>1 from jsonb_array_elements(${wanted}::jsonb) s)`,
          notExists(
            tx
              .select({ one: sql`1` })
              .from(overlaps)
              .where(
                and(
                  eq(overlaps.status, 'open'),
                  or(and(sql`${overlaps.aDocumentId} = ${docOf}`, sql`${overlaps.aActivityId} = ${actOf}`), and(sql`${overlaps.bDocumentId} = ${docOf}`, sql`${overlaps.bActivityId} = ${actOf}`)),
                ),
              ),
          ),
        )!,
      )),
    );
  }
  if (!settled.length) return;
  const stillIn = await membershipsOf(tx, [...new Set(settled.map((n) => n.userId))]);
  const told = settled.filter((n) => stillIn.get(n.userId)?.has(n.workspaceId));
  if (!told.length) return;
  delivery.afterCommit(() => {
    for (const n of told) delivery.services.events.toUser(n.userId, 'notification:read', { workspaceId: n.workspaceId, ids: [n.id] });
  });
}
