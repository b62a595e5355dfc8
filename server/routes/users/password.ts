/** Instance admins set a new password for a person who forgot theirs; every session of that person ends. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema.js';
import { idSchema, passwordSchema } from '../../../shared/schemas.js';
import { hashPassword } from '../../auth/passwords.js';
import { closeSessionSockets, revokeSessionsOf } from '../../auth/sessionRevocation.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { requireAdmin } from '../../policies/workspacePolicy.js';

/** Registers POST /api/users/:id/password. */
export function registerPasswordResetRoute(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/users/:id/password',
    summary: 'Set a new password for a person and sign them out everywhere (instance admins)',
    tags: ['users'],
    status: 204,
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z.object({ password: passwordSchema }),
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      const { tx, params, body } = ctx;
      const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, params.id));
      if (!user) throw notFound('User');
      await tx.update(users).set({ passwordHash: await hashPassword(body.password) }).where(eq(users.id, user.id));
      const revoked = await revokeSessionsOf(tx, user.id);
      await ctx.audit({ action: 'user.password_reset', target: { type: 'user', id: user.id }, changes: { sessionsRevoked: revoked.length } });
      closeSessionSockets(ctx, user.id, revoked, 'password reset by an administrator');
      return undefined;
    },
  });
}
