/** First run: the first user becomes instance admin, with their organization. */
import { count, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organizations, users } from '../../../db/schema.js';
import { emailSchema, nameSchema, organizationInput, passwordSchema } from '../../../shared/schemas.js';
import { seedDemo } from '../../../db/seed/demo.js';
import { hashPassword } from '../../auth/passwords.js';
import { startSession } from '../../auth/sessions.js';
import { conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { presentUser } from '../../presenters.js';
import { user } from '../../http/responses/people.js';

const ALREADY_SET_UP = 'Enlace is already set up; sign in instead';

const setupBody = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  organization: organizationInput,
  demo: z.boolean().optional(),
});

export function registerSetupRoutes(route: RouteFn): void {
  route({
    method: 'GET',
    url: '/api/setup/status',
    summary: 'Whether the instance still needs its first administrator',
    tags: ['setup'],
    response: z.strictObject({ needsSetup: z.boolean() }),
    auth: false,
    handler: async ({ tx }) => {
      const [row] = await tx.select({ n: count() }).from(users);
      return { needsSetup: Number(row?.n ?? 0) === 0 };
    },
  });

  route({
    method: 'POST',
    url: '/api/setup',
    summary: 'Create the first user (an instance admin) and their organization; 409 once any user exists',
    tags: ['setup'],
    response: z.strictObject({
      user,
      token: z.string(),
      demoCredentials: z.array(z.strictObject({ name: z.string(), email: z.string(), password: z.string(), organization: z.string(), role: z.string() })).optional().describe('With demo: true, shown once'),
    }),
    refusals: [409],
    auth: false,
    body: setupBody,
    status: 201,
    // Once set up, any body gets the 409 (a malformed one too): there is nothing left to correct in it.
    gate: async ({ database }) => {
      const [row] = await database.db.select({ n: count() }).from(users);
      if (Number(row?.n ?? 0) > 0) throw conflict(ALREADY_SET_UP, 'already_set_up');
    },
    handler: async (ctx) => {
      const { tx, body } = ctx;
      // Serialize concurrent first runs: only one may create the first user.
      await tx.execute(sql`lock table users in exclusive mode`);
      const [row] = await tx.select({ n: count() }).from(users);
      if (Number(row?.n ?? 0) > 0) throw conflict(ALREADY_SET_UP, 'already_set_up');
      const orgId = newId('org');
      await tx.insert(organizations).values({ id: orgId, ...body.organization, stateCode: body.organization.stateCode ?? null });
      const [user] = await tx
        .insert(users)
        .values({ id: newId('usr'), email: body.email, name: body.name, passwordHash: await hashPassword(body.password), organizationId: orgId, isAdmin: true })
        .returning();
      const token = await startSession(ctx, user.id);
      await ctx.audit({ action: 'instance.setup', target: { type: 'user', id: user.id }, changes: { organizationId: orgId, email: user.email } });
      // Demo accounts' passwords are generated now and shown once, in this response.
      const demoCredentials = body.demo ? await seedDemo(tx, { id: user.id, organizationId: orgId }) : undefined;
      if (demoCredentials) ctx.afterCommit(() => ctx.services.projection.rebuildSoon()); // demo plans carry activities
      return { user: presentUser(user), token, ...(demoCredentials ? { demoCredentials } : {}) };
    },
  });
}
