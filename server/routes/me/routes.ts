/** The signed-in user: profile, organization, memberships, language. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, organizations, users } from '../../../db/schema.js';
import { localeSchema, nameSchema, nonEmpty } from '../../../shared/schemas.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { presentOrganization, presentUser } from '../../presenters.js';

export function registerMeRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/me',
    summary: 'The signed-in user, their organization and memberships',
    tags: ['auth'],
    handler: async ({ tx, principal }) => {
      const [user] = await tx.select().from(users).where(eq(users.id, principal.userId));
      if (!user) throw notFound('User');
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, user.organizationId));
      const ms = await tx.select().from(memberships).where(eq(memberships.userId, user.id));
      return {
        user: presentUser(user),
        organization: org ? presentOrganization(org) : null,
        memberships: ms.map((m) => ({ workspaceId: m.workspaceId, role: m.role, focalPoint: m.focalPoint })),
      };
    },
  });

  route({
    method: 'PATCH',
    url: '/api/me',
    summary: 'Change your name or interface language',
    tags: ['auth'],
    body: z.object({ locale: localeSchema.optional(), name: nameSchema.optional() }).strict().refine(nonEmpty, 'Nothing to change'),
    handler: async (ctx) => {
      const { tx, principal, body } = ctx;
      const [user] = await tx.update(users).set(body).where(eq(users.id, principal.userId)).returning();
      await ctx.audit({ action: 'user.updated', target: { type: 'user', id: principal.userId }, changes: body });
      return { user: presentUser(user) };
    },
  });
}
