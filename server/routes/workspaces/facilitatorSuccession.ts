/**
 * A working group always keeps a facilitator who can act. Deactivated accounts do not count as one, and when an
 * administrator deactivates the last active facilitator of a group, the group names a successor in the same
 * transaction: a colleague of the same organization who is a member, else the longest-standing member. (Instance
 * admins are not members and never see the group, so nobody else could ever manage it again.)
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { memberships, users, workspaces } from '../../../db/schema.js';
import { conflict } from '../../http/errors.js';
import type { RouteContext } from '../../http/pipeline.js';

type SuccessionContext = Pick<RouteContext<unknown, unknown, unknown, true>, 'tx' | 'audit' | 'emit' | 'afterCommit' | 'services'>;

/**
 * Serializes membership changes of one working group (the group's row is locked until commit): two facilitators
 * demoting each other at once, or the same change sent twice, each see the other's result.
 */
export async function lockMembership(tx: Executor, workspaceId: string): Promise<void> {
  // The one lock order of every route (docs/ARCHITECTURE.md): invitations row → users row → organizations row →
  // workspaces rows (by id) → memberships rows → comments rows; several notifications or comments by id.
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for('update');
}

/**
 * Locks the rows of the groups `userId` belongs to (only those they facilitate, with `facilitated`), as lockMembership
 * does, before their membership rows change; returns the groups' ids. One statement, in id order: two requests locking
 * groups they share take them in the same order, so neither can hold one the other waits for while waiting for it.
 */
export async function lockGroupsOf(tx: Executor, userId: string, facilitated = false): Promise<string[]> {
  const theirs = tx
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), facilitated ? eq(memberships.role, 'facilitator') : undefined));
  // In the lock order lockMembership states.
  const locked = await tx.select({ id: workspaces.id }).from(workspaces).where(inArray(workspaces.id, theirs)).orderBy(asc(workspaces.id)).for('update');
  return locked.map((w) => w.id);
}

/** Whether the group has an active facilitator other than `userId`. */
async function hasAnotherActiveFacilitator(tx: Executor, workspaceId: string, userId: string): Promise<boolean> {
  const others = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'facilitator'), ne(memberships.userId, userId), isNull(users.deactivatedAt)))
    .limit(1);
  return others.length > 0;
}

/** Refuses (409 last_facilitator) a change that would leave the group without an active facilitator. */
export async function ensureAnotherFacilitator(tx: Executor, workspaceId: string, userId: string): Promise<void> {
  if (!(await hasAnotherActiveFacilitator(tx, workspaceId, userId))) throw conflict('A working group needs at least one facilitator; name another first', 'last_facilitator');
}

/**
 * Names a successor in every group where the departing person is the last active facilitator (see the module
 * note); audited and announced in each group. Returns how many were named.
 */
export async function nameSuccessors(ctx: SuccessionContext, departing: { id: string; organizationId: string }): Promise<number> {
  const { tx } = ctx;
  // Every group's row is locked before any is looked at (in id order, not in the order a query happens to return).
  const facilitated = await lockGroupsOf(tx, departing.id, true);
  let named = 0;
  for (const workspaceId of facilitated) {
    if (await hasAnotherActiveFacilitator(tx, workspaceId, departing.id)) continue;
    const [successor] = await tx
      .select({ userId: memberships.userId, organizationId: memberships.organizationId, focalPoint: memberships.focalPoint, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'member'), isNull(users.deactivatedAt)))
      .orderBy(desc(sql`${memberships.organizationId} = ${departing.organizationId}`), asc(memberships.createdAt), asc(memberships.userId))
      .limit(1);
    // Only observers (or nobody) left: nobody who edits can be made to run the group.
    if (!successor) continue;
    await tx.update(memberships).set({ role: 'facilitator' }).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, successor.userId)));
    await ctx.audit({
      action: 'member.updated',
      workspaceId,
      target: { type: 'user', id: successor.userId },
      changes: { role: { from: 'member', to: 'facilitator' }, reason: 'facilitator_deactivated', replaces: departing.id },
    });
    ctx.emit(workspaceId, 'member:updated', { member: { userId: successor.userId, name: successor.name, organizationId: successor.organizationId, role: 'facilitator', focalPoint: successor.focalPoint } });
    ctx.afterCommit(() => ctx.services.changeAccess({ userId: successor.userId, workspaceId }));
    named++;
  }
  return named;
}
