/**
 * A person who moves to another agency keeps their account (and their history): an instance admin changes their
 * organization. In every working group they belong to they now speak for the new organization; a focal point they
 * held was their old organization's voice, so it is given up, and stance requests follow who speaks for each of the
 * two organizations now.
 */
import { eq } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema.js';
import type { RouteContext } from '../../http/pipeline.js';
import { reconcileStanceRequests } from '../../notifications/stanceRequests.js';
import { requireAssignableOrganization } from '../organizations/assignable.js';
import { lockGroupsOf } from '../workspaces/facilitatorSuccession.js';

type MoveContext = Pick<RouteContext<unknown, unknown, unknown, true>, 'tx' | 'audit' | 'emit' | 'afterCommit' | 'services'>;
type UserRow = InferSelectModel<typeof users>;

/** Moves `person` to organization `organizationId` (400 when it does not exist); audited here and in each of their groups. */
export async function moveToOrganization(ctx: MoveContext, person: UserRow, organizationId: string): Promise<UserRow> {
  const { tx } = ctx;
  // In the one lock order (lockMembership, facilitatorSuccession.ts).
  // The organization is held shared until commit (a deactivation waits for the move, or the move sees it); then the
  // rows of the person's groups, as a role change in one of them takes it before their membership row.
  await requireAssignableOrganization(tx, organizationId, 'organizationId');
  await lockGroupsOf(tx, person.id);
  const from = person.organizationId;
  const [moved] = await tx.update(users).set({ organizationId }).where(eq(users.id, person.id)).returning();
  const groups = await tx.select().from(memberships).where(eq(memberships.userId, person.id));
  await tx.update(memberships).set({ organizationId, focalPoint: false }).where(eq(memberships.userId, person.id));
  for (const m of groups) {
    await ctx.audit({
      action: 'member.updated',
      workspaceId: m.workspaceId,
      target: { type: 'user', id: person.id },
      changes: { organizationId: { from, to: organizationId }, ...(m.focalPoint ? { focalPoint: { from: true, to: false } } : {}), reason: 'organization_changed' },
    });
    // Their requests for the old organization go to whoever speaks for it now; the new one's reach them if they do.
    await reconcileStanceRequests(tx, m.workspaceId, from, ctx);
    await reconcileStanceRequests(tx, m.workspaceId, organizationId, ctx);
    ctx.emit(m.workspaceId, 'member:updated', { member: { userId: person.id, name: person.name, organizationId, role: m.role, focalPoint: false } });
    // Their open plan sockets, on every node, relabel their carets.
    ctx.afterCommit(() => ctx.services.changeAccess({ userId: person.id, workspaceId: m.workspaceId }));
  }
  await ctx.audit({ action: 'user.updated', target: { type: 'user', id: person.id }, changes: { organizationId: { from, to: organizationId }, groups: groups.length } });
  return moved;
}
