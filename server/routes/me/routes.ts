/** The signed-in user: profile, organization, memberships, language. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { memberships, organizations, users } from '../../../db/schema.js';
import { localeSchema, nameSchema, nonEmpty } from '../../../shared/schemas.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { presentOrganization, presentUser } from '../../presenters.js';
import { me, user } from '../../http/responses/people.js';
import { renamePerson } from '../users/rename.js';

/** The signed-in user, their organization and memberships; undefined when the user no longer exists. */
async function presentMe(tx: Executor, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) return undefined;
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, user.organizationId));
  const ms = await tx.select().from(memberships).where(eq(memberships.userId, user.id));
  return {
    user: presentUser(user),
    organization: org ? presentOrganization(org) : null,
    memberships: ms.map((m) => ({ workspaceId: m.workspaceId, role: m.role, focalPoint: m.focalPoint })),
  };
}

export function registerMeRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/me',
    summary: 'The signed-in user, their organization and memberships',
    tags: ['auth'],
    response: me,
    refusals: [404],
    handler: async ({ tx, principal }) => {
      const me = await presentMe(tx, principal.userId);
      if (!me) throw notFound('User');
      return me;
    },
  });

  // The web app's first question on every page load. Signed out is an answer, not an error: a 401 here left a
  // "Failed to load resource" error in the browser's console on every signed-out visit to a deep link.
  route({
    method: 'GET',
    url: '/api/session',
    summary: 'Who is signed in: `{me}` as GET /api/me returns it, or `{me: null}` (200 either way)',
    tags: ['auth'],
    response: z.strictObject({ me: me.nullable() }),
    auth: false,
    handler: async ({ tx, principal }) => ({ me: principal ? await presentMe(tx, principal.userId) : null }),
  });

  route({
    method: 'PATCH',
    url: '/api/me',
    summary: 'Change your name or interface language (a new name reaches your groups\' member lists and your carets at once); the same values again are answered without being recorded or announced',
    tags: ['auth'],
    response: z.strictObject({ user }),
    body: z.object({ locale: localeSchema.optional(), name: nameSchema.optional() }).strict().refine(nonEmpty, 'Nothing to change'),
    handler: async (ctx) => {
      const { tx, principal, body } = ctx;
      let [user] = await tx.select().from(users).where(eq(users.id, principal.userId)).for('update');
      // Only what really changes is written and recorded: the same values again are answered, not recorded (or, for
      // the name, announced) again.
      const changes: Record<string, unknown> = {};
      if (body.locale !== undefined && body.locale !== user.locale) {
        [user] = await tx.update(users).set({ locale: body.locale }).where(eq(users.id, user.id)).returning();
        changes.locale = body.locale;
      }
      // The old name is kept in the trail, as for an admin's correction: the new one alone would not say who it was.
      if (body.name !== undefined && body.name !== user.name) {
        changes.name = { from: user.name, to: body.name };
        user = await renamePerson(ctx, user, body.name);
      }
      if (Object.keys(changes).length > 0) await ctx.audit({ action: 'user.updated', target: { type: 'user', id: principal.userId }, changes });
      return { user: presentUser(user) };
    },
  });

}
