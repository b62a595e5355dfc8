/** Membership management (facilitators); the audit trail lives in routes/audit. */
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users } from '../../../db/schema.js';
import { ensureAnotherFacilitator, lockMembership } from './facilitatorSuccession.js';
import { idSchema, memberInput } from '../../../shared/schemas.js';
import { conflict, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';
import { member } from '../../http/responses/people.js';
import { reconcileStanceRequests } from '../../notifications/stanceRequests.js';

const memberParams = z.object({ id: idSchema, userId: idSchema });

/** Observers never cast a stance or sign off, so one named focal point would leave their organization without a voice. */
const memberBody = memberInput.refine((b) => !(b.role === 'observer' && b.focalPoint === true), {
  path: ['focalPoint'],
  message: 'Observers cannot be focal points: they do not cast stances or sign off. Give the person the member or facilitator role, or name someone else',
  params: { issue: 'observer_focal_point' },
});

export function registerMemberRoutes(route: RouteFn): void {
  route({
    method: 'PUT',
    url: '/api/workspaces/:id/members/:userId',
    summary: 'Add a member or change their role and focal-point flag (facilitators). A deactivated account cannot be added (409 account_deactivated). One focal point per organization: setting one moves it. Observers are never focal points (400 with focalPoint: true; made an observer, a focal point stops being one). A new role applies to open plan sockets at once, on every node.',
    tags: ['workspaces'],
    response: z.strictObject({ member }),
    refusals: [403, 409],
    params: memberParams,
    body: memberBody,
    handler: async (ctx) => {
      const { tx, params, body } = ctx;
      await requireWorkspace(tx, ctx.principal, params.id, 'manageMembers');
      // In the one lock order (lockMembership, facilitatorSuccession.ts).
      // The person's row shared: a move or deactivation of theirs at the same moment is waited for (or waits for this),
      // so the membership carries the organization they end in, and someone who just left is not added.
      const [user] = await tx.select().from(users).where(eq(users.id, params.userId)).for('share');
      if (!user) throw notFound('User');
      await lockMembership(tx, params.id);
      const [before] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, params.id), eq(memberships.userId, params.userId)));
      // Someone who left cannot join; a member already there can still be demoted, made an observer or removed.
      if (!before && user.deactivatedAt) throw conflict(`${user.name}'s account is deactivated; an administrator of Enlace must reactivate it first`, 'account_deactivated');
      if (before?.role === 'facilitator' && body.role !== 'facilitator') await ensureAnotherFacilitator(tx, params.id, params.userId);
      // Made an observer without a word about the flag: the focal point goes with the voting role (the answer says so).
      const focalPoint = body.focalPoint ?? (body.role === 'observer' ? false : (before?.focalPoint ?? false));
      // Nor can they be given a say they cannot use: running the group, or their organization's voice (it would be
      // taken from an active colleague and lost).
      const granted = (body.role === 'facilitator' && before?.role !== 'facilitator') || (focalPoint && !before?.focalPoint);
      if (user.deactivatedAt && granted) throw conflict(`${user.name}'s account is deactivated; they cannot be made facilitator or focal point`, 'account_deactivated');
      // The same role again changes nothing: answered, not recorded (or announced) again.
      if (before && before.role === body.role && before.focalPoint === focalPoint) {
        return { member: { userId: before.userId, name: user.name, organizationId: before.organizationId, role: before.role, focalPoint: before.focalPoint, ...(user.deactivatedAt ? { active: false as const } : {}) } };
      }
      // One focal point per organization: whoever held it loses it, and that change is a write of its own (audited).
      const unset = focalPoint
        ? await tx
            .update(memberships)
            .set({ focalPoint: false })
            .where(and(eq(memberships.workspaceId, params.id), eq(memberships.organizationId, user.organizationId), ne(memberships.userId, user.id), eq(memberships.focalPoint, true)))
            .returning()
        : [];
      for (const old of unset) {
        await ctx.audit({ action: 'member.updated', workspaceId: params.id, target: { type: 'user', id: old.userId }, changes: { focalPoint: { from: true, to: false } } });
        const [holder] = await tx.select({ name: users.name }).from(users).where(eq(users.id, old.userId));
        ctx.emit(params.id, 'member:updated', { member: { userId: old.userId, name: holder?.name ?? '', organizationId: old.organizationId, role: old.role, focalPoint: false } });
      }
      const [m] = await tx
        .insert(memberships)
        .values({ workspaceId: params.id, userId: user.id, organizationId: user.organizationId, role: body.role, focalPoint })
        .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: body.role, focalPoint } })
        .returning();
      await ctx.audit({
        action: before ? 'member.updated' : 'member.added',
        workspaceId: params.id,
        target: { type: 'user', id: user.id },
        changes: { role: { from: before?.role ?? null, to: m.role }, focalPoint: { from: before?.focalPoint ?? null, to: m.focalPoint } },
      });
      // Who speaks for the organization may have changed: open decisions ask them, and no longer those who do not.
      if (!before || before.role !== m.role || before.focalPoint !== m.focalPoint) await reconcileStanceRequests(tx, params.id, m.organizationId, ctx);
      const member = { userId: m.userId, name: user.name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint, ...(user.deactivatedAt ? { active: false as const } : {}) };
      ctx.emit(params.id, 'member:updated', { member });
      // Someone just added is in no room of the group yet: their own sockets hear it, so their list of groups follows.
      if (!before) ctx.afterCommit(() => ctx.services.events.toUser(m.userId, 'member:updated', { workspaceId: params.id, member }));
      // Open plan sockets switch to the new role at once (read-only for observers), on every node, without a reconnect.
      if (before && before.role !== m.role) ctx.afterCommit(() => ctx.services.changeAccess({ userId: m.userId, workspaceId: params.id }));
      return { member };
    },
  });

  route({
    method: 'DELETE',
    url: '/api/workspaces/:id/members/:userId',
    summary: 'Remove a member (facilitators), or leave the group (anyone, for themselves); their live sockets for the workspace close within a second on every node. The last facilitator leaves only once another is named (409)',
    tags: ['workspaces'],
    refusals: [403, 409],
    params: memberParams,
    status: 204,
    handler: async (ctx) => {
      const { tx, params } = ctx;
      // Anyone may leave a group: staying in one is not for a facilitator to impose (the last facilitator still
      // names another first). Removing someone else takes managing members.
      const leaving = params.userId === ctx.principal.userId;
      await requireWorkspace(tx, ctx.principal, params.id, leaving ? 'read' : 'manageMembers');
      // In the one lock order (lockMembership, facilitatorSuccession.ts).
      await lockMembership(tx, params.id);
      const [before] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, params.id), eq(memberships.userId, params.userId)));
      if (!before) throw notFound('Member');
      if (before.role === 'facilitator') await ensureAnotherFacilitator(tx, params.id, params.userId);
      await tx.delete(memberships).where(and(eq(memberships.workspaceId, params.id), eq(memberships.userId, params.userId)));
      await ctx.audit({ action: 'member.removed', workspaceId: params.id, target: { type: 'user', id: params.userId }, changes: { role: before.role, ...(leaving ? { left: true } : {}) } });
      await reconcileStanceRequests(tx, params.id, before.organizationId, ctx);
      ctx.emit(params.id, 'member:removed', { userId: params.userId });
      ctx.afterCommit(() => ctx.services.revokeAccess({ userId: params.userId, workspaceId: params.id, reason: 'removed from the working group' }));
      return undefined;
    },
  });
}
