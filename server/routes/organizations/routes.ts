/** Organizations (agencies): instance admins write, everyone signed in reads. */
import { asc } from 'drizzle-orm';
import { organizations } from '../../../db/schema.js';
import { organizationInput } from '../../../shared/schemas.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { requireAdmin } from '../../policies/workspacePolicy.js';
import { presentOrganization } from '../../presenters.js';
import { z } from 'zod';
import { organization } from '../../http/responses/people.js';

export function registerOrganizationRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/organizations',
    summary: 'Create an organization (instance admins)',
    tags: ['organizations'],
    response: z.strictObject({ organization }),
    refusals: [403],
    body: organizationInput,
    status: 201,
    handler: async (ctx) => {
      requireAdmin(ctx.principal);
      const [org] = await ctx.tx
        .insert(organizations)
        .values({ id: newId('org'), ...ctx.body, stateCode: ctx.body.stateCode ?? null })
        .returning();
      await ctx.audit({ action: 'organization.created', target: { type: 'organization', id: org.id }, changes: ctx.body });
      return { organization: presentOrganization(org) };
    },
  });

  route({
    method: 'GET',
    url: '/api/organizations',
    summary: 'List organizations',
    tags: ['organizations'],
    response: z.strictObject({ organizations: z.array(organization) }),
    handler: async ({ tx }) => {
      const rows = await tx.select().from(organizations).orderBy(asc(organizations.acronym));
      return { organizations: rows.map(presentOrganization) };
    },
  });
}
