/**
 * Telling people about newly flagged overlaps: an `overlap:flagged` event to each side's working
 * group room with only what that room may see, and a notification to each side's lead organization's
 * focal point (its facilitators when that organization has none there), never revealing a side the
 * recipient may not see.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { memberships, notifications } from '../../db/schema.js';
import { newId } from '../ids.js';
import type { EventPublisher } from '../services.js';
import type { OverlapRow } from './overlapPass.js';
import { loadOverlapSides, mayViewOverlap, viewOverlap, type OverlapSideInfo } from './overlapView.js';

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
  const rows = await tx
    .insert(notifications)
    .values(items.map((i) => ({ id: newId('ntf'), userId: i.userId, workspaceId: i.workspaceId, kind: 'overlap', target: i.target })))
    .returning();
  delivery.afterCommit(() => {
    for (const n of rows) {
      const notification = { id: n.id, kind: n.kind, workspaceId: n.workspaceId, target: n.target, createdAt: n.createdAt.toISOString(), readAt: null };
      delivery.services.events.toUser(n.userId, 'notification:created', { workspaceId: n.workspaceId, notification });
    }
  });
}

/** Users to tell about one side: its lead organization's focal points there, else the group's facilitators. */
async function recipientsFor(tx: Executor, side: OverlapSideInfo): Promise<string[]> {
  if (!side.workspaceId) return [];
  if (side.leadOrganizationId) {
    const focal = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, side.workspaceId), eq(memberships.organizationId, side.leadOrganizationId), eq(memberships.focalPoint, true)));
    if (focal.length) return focal.map((m) => m.userId);
  }
  const facilitators = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, side.workspaceId), eq(memberships.role, 'facilitator')));
  return facilitators.map((m) => m.userId);
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

/** Queues the events and inserts the notifications for newly flagged overlaps, inside `tx`. */
export async function announceOverlaps(tx: Executor, flagged: OverlapRow[], delivery: OverlapDelivery): Promise<void> {
  if (!flagged.length) return;
  const sidesById = await loadOverlapSides(tx, flagged);
  const items: NewNotification[] = [];
  for (const o of flagged) {
    const sides = sidesById.get(o.id);
    if (!sides) continue;
    const rooms = new Set([sides.a.workspaceId, sides.b.workspaceId].filter((w): w is string => !!w));
    for (const room of rooms) {
      const view = viewOverlap(o, sides, new Set([room]));
      if (view) delivery.emit(room, 'overlap:flagged', { overlap: view });
    }
    const perSide = await Promise.all([sides.a, sides.b].map(async (side) => ({ side, users: await recipientsFor(tx, side) })));
    const member = await membershipsOf(tx, [...new Set(perSide.flatMap((p) => p.users))]);
    const told = new Set<string>();
    for (const { side, users } of perSide) {
      for (const userId of users) {
        if (told.has(userId) || !mayViewOverlap(sides, member.get(userId) ?? new Set())) continue;
        told.add(userId);
        items.push({
          userId,
          workspaceId: side.workspaceId as string,
          target: { type: 'overlap', overlapId: o.id, documentId: side.documentId, activityId: side.activityId },
        });
      }
    }
  }
  await notify(tx, items, delivery);
}
