/**
 * Instance admins deactivate the account of someone who left (and reactivate it): a deactivated person cannot sign
 * in, and every session of theirs ends at once. They also move someone who changed agency (see organizationMove) and
 * correct a misspelt name (see rename).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema.js';
import { idSchema, nameSchema, nonEmpty } from '../../../shared/schemas.js';
import { closeSessionSockets, revokeSessionsOf } from '../../auth/sessionRevocation.js';
import { conflict, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { user } from '../../http/responses/people.js';
import { requireAdmin } from '../../policies/workspacePolicy.js';
import { presentUser } from '../../presenters.js';
import { lockGroupsOf, nameSuccessors } from '../workspaces/facilitatorSuccession.js';
import { moveToOrganization } from './organizationMove.js';
import { renamePerson } from './rename.js';

/** Registers PATCH /api/users/:id. */
export function registerUserActivationRoute(route: RouteFn): void {
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary:
      'Correct a person\'s name (their groups\' member lists and their carets follow at once), move them to another organization (in each of their groups they then speak for it; a focal point they held is given up), deactivate them (they can no longer sign in, and are signed out everywhere) or reactivate them, give or take away instance admin rights (`isAdmin`, never one\'s own) (instance admins). A group they were the last active facilitator of gets one: a member of their organization, else its longest-standing member. The same values again (a correction sent twice, even at once) are answered without being recorded or announced',
    tags: ['users'],
    response: z.strictObject({ user, active: z.boolean() }),
    refusals: [403, 409],
    params: z.object({ id: idSchema }),
    body: z
      .strictObject({ active: z.boolean().optional(), organizationId: idSchema.optional(), name: nameSchema.optional(), isAdmin: z.boolean().optional() })
      .refine(nonEmpty, 'Send active, organizationId, name or isAdmin'),
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      const { tx, params, body } = ctx;
      // Locked before comparing: the same correction sent twice at once is recorded once, and different ones each
      // start from the other's result. NO KEY UPDATE, as an UPDATE takes, so signing them in (whose foreign key only
      // key-shares this row) is not held up; adding them to a group share-locks it first, so it waits, in the same order.
      let [found] = await tx.select().from(users).where(eq(users.id, params.id)).for('no key update');
      if (!found) throw notFound('User');
      // Always one active admin left: the caller is one, and may not lock themselves out.
      if (found.id === ctx.principal.userId && body.active === false) throw conflict('You cannot deactivate your own account; ask another administrator', 'own_account');
      // Nor take away their own rights: the instance always keeps an administrator, the one asking.
      if (found.id === ctx.principal.userId && body.isAdmin === false) throw conflict('You cannot remove your own administrator rights; ask another administrator', 'own_account');
      // In the one lock order (lockMembership, facilitatorSuccession.ts): move (organization, groups), then rename
      // (comments). Without a move, a deactivation locks every group of theirs, not only those they run: another
      // deactivation may be making them a group's facilitator at this moment (they then wait for it, and see it).
      const moveTo = body.organizationId === found.organizationId ? undefined : body.organizationId;
      if (moveTo === undefined && body.active === false && found.deactivatedAt === null) await lockGroupsOf(tx, found.id);
      if (moveTo !== undefined) found = await moveToOrganization(ctx, found, moveTo);
      if (body.name !== undefined && body.name !== found.name) {
        const from = found.name;
        found = await renamePerson(ctx, found, body.name);
        await ctx.audit({ action: 'user.updated', target: { type: 'user', id: found.id }, changes: { name: { from, to: found.name } } });
      }
      if (body.isAdmin !== undefined && body.isAdmin !== found.isAdmin) {
        const from = found.isAdmin;
        [found] = await tx.update(users).set({ isAdmin: body.isAdmin }).where(eq(users.id, found.id)).returning();
        await ctx.audit({ action: 'user.updated', target: { type: 'user', id: found.id }, changes: { isAdmin: { from, to: found.isAdmin } } });
      }
      const wasActive = found.deactivatedAt === null;
      if (body.active === undefined || wasActive === body.active) return { user: presentUser(found), active: wasActive };
      const [updated] = await tx
        .update(users)
        .set({ deactivatedAt: body.active ? null : new Date() })
        .where(eq(users.id, found.id))
        .returning();
      if (body.active) {
        await ctx.audit({ action: 'user.reactivated', target: { type: 'user', id: found.id } });
      } else {
        const revoked = await revokeSessionsOf(tx, found.id);
        const facilitatorsNamed = await nameSuccessors(ctx, found);
        await ctx.audit({ action: 'user.deactivated', target: { type: 'user', id: found.id }, changes: { sessionsRevoked: revoked.length, facilitatorsNamed } });
        closeSessionSockets(ctx, found.id, revoked, 'account deactivated by an administrator');
      }
      return { user: presentUser(updated), active: body.active };
    },
  });
}
