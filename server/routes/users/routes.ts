/** People: instance admins create accounts; signed-in users see the directory (emails to admins only). */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema.js';
import { emailSchema, idSchema, nameSchema, passwordSchema } from '../../../shared/schemas.js';
import { hashPassword } from '../../auth/passwords.js';
import { conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { requireAdmin } from '../../policies/workspacePolicy.js';
import { presentUser } from '../../presenters.js';
import { directoryEntry, user } from '../../http/responses/people.js';
import { requireAssignableOrganization } from '../organizations/assignable.js';
import { registerUserActivationRoute } from './activation.js';
import { registerPasswordResetRoute } from './password.js';

const userBody = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  organizationId: idSchema,
  isAdmin: z.boolean().optional(),
  locale: z.enum(['es', 'en']).optional(),
});

export function registerUserRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user (instance admins)',
    tags: ['users'],
    response: z.strictObject({ user }),
    refusals: [403, 409],
    body: userBody,
    status: 201,
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      const { tx, body } = ctx;
      // Hashed before the agency's row is share-locked: a change of the agency does not wait for the hash.
      const passwordHash = await hashPassword(body.password);
      await requireAssignableOrganization(tx, body.organizationId, 'organizationId');
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, body.email));
      if (existing) throw conflict('A user with this email already exists', 'email_taken');
      const [user] = await tx
        .insert(users)
        .values({ id: newId('usr'), email: body.email, name: body.name, passwordHash, organizationId: body.organizationId, isAdmin: body.isAdmin ?? false, locale: body.locale ?? 'es' })
        .returning();
      await ctx.audit({ action: 'user.created', target: { type: 'user', id: user.id }, changes: { email: user.email, organizationId: user.organizationId, isAdmin: user.isAdmin } });
      return { user: presentUser(user) };
    },
  });

  route({
    method: 'GET',
    url: '/api/users',
    summary: 'The people directory (names and organizations, and active: false for a deactivated account; for admins also emails, admin flags and every account’s active flag)',
    tags: ['users'],
    response: z.strictObject({ users: z.array(directoryEntry) }),
    handler: async ({ tx, principal }) => {
      const rows = await tx.select().from(users).orderBy(asc(users.name));
      return {
        users: rows.map((u) => ({
          id: u.id,
          name: u.name,
          organizationId: u.organizationId,
          // Colleagues learn only that someone left (so nobody adds or mentions them); admins see every account's state.
          ...(principal.isAdmin ? { email: u.email, isAdmin: u.isAdmin, active: u.deactivatedAt === null } : u.deactivatedAt ? { active: false } : {}),
        })),
      };
    },
  });

  registerPasswordResetRoute(route);
  registerUserActivationRoute(route);
}
