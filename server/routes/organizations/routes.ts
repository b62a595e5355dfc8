/** Organizations (agencies): instance admins write, everyone signed in reads. A change may not take another's acronym. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, organizations } from '../../../db/schema.js';
import { organizationInput } from '../../../shared/schemas.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { organization } from '../../http/responses/people.js';
import { newId } from '../../ids.js';
import { requireAdmin } from '../../policies/workspacePolicy.js';
import { presentOrganization } from '../../presenters.js';
import { ensureAcronymFree, sameAcronym } from './acronyms.js';
import { organizationParams, organizationPatch } from './schema.js';
import { refreshMentionNamesOfOrganization } from '../../search/mentionNames.js';

type OrganizationRow = typeof organizations.$inferSelect;
type OrganizationChange = z.infer<typeof organizationPatch>;

/** The fields a change really changes, as `{field: {from, to}}` for the audit trail (empty when it changes nothing). */
function changesOf(before: OrganizationRow, patch: OrganizationChange): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'acronym', 'level', 'stateCode'] as const) {
    const to = patch[key];
    if (to === undefined) continue;
    const from = before[key] ?? null;
    if (from !== to) changes[key] = { from, to };
  }
  const wasActive = before.deactivatedAt === null;
  if (patch.active !== undefined && patch.active !== wasActive) changes.active = { from: wasActive, to: patch.active };
  return changes;
}

export function registerOrganizationRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/organizations',
    summary: 'Create an organization (instance admins). A duplicate acronym is accepted here (scripts and other systems may create the same agency twice); the web app warns before creating one',
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

  route({
    method: 'PATCH',
    url: '/api/organizations/:id',
    summary: 'Change an organization’s name, acronym, level or state (instance admins); `stateCode: null` clears the state; `active: false` deactivates a defunct agency (kept wherever it is named, no longer accepted for new people, moves or owners), `active: true` reactivates it; 409 when another organization has the acronym',
    tags: ['organizations'],
    response: z.strictObject({ organization }),
    refusals: [403, 404, 409],
    params: organizationParams,
    body: organizationPatch,
    handler: async (ctx) => {
      const { tx, params, body } = ctx;
      requireAdmin(ctx.principal);
      // In the one lock order (lockMembership, facilitatorSuccession.ts).
      // A deactivation waits for the people being moved into it or given accounts in it (they hold this row shared), and keeps them.
      const [before] = await tx.select().from(organizations).where(eq(organizations.id, params.id)).for('update');
      if (!before) throw notFound('Organization');
      // Its own acronym again (in any case) is no new duplicate: an organization that already shared its acronym
      // before acronyms were checked can still be renamed.
      if (body.acronym !== undefined && !sameAcronym(body.acronym, before.acronym)) await ensureAcronymFree(tx, body.acronym, before.id);
      const changes = changesOf(before, body);
      // The same values again change nothing: answered, not recorded again.
      if (!Object.keys(changes).length) return { organization: presentOrganization(before) };
      const { active, ...fields } = body;
      const deactivation = changes.active ? { deactivatedAt: active ? null : new Date() } : {};
      const [org] = await tx.update(organizations).set({ ...fields, ...deactivation }).where(eq(organizations.id, before.id)).returning();
      await ctx.audit({ action: 'organization.updated', target: { type: 'organization', id: org.id }, changes });
      if (changes.acronym) {
        await refreshMentionNamesOfOrganization(tx, org.id);
        // Carets show the acronym: its people's open plan sockets, on every node, relabel theirs.
        const speakers = await tx.select({ userId: memberships.userId, workspaceId: memberships.workspaceId }).from(memberships).where(eq(memberships.organizationId, org.id));
        ctx.afterCommit(() => {
          for (const pair of speakers) ctx.services.changeAccess(pair);
        });
      }
      return { organization: presentOrganization(org) };
    },
  });
}
