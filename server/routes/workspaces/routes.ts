/** Working groups: create, list mine, read with members and my permissions, settings. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '../../../db/schema.js';
import { idSchema, mandateAreasSchema, nameSchema, nonEmpty, workspaceInput } from '../../../shared/schemas.js';
import { notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { permissionsOf, requireWorkspace } from '../../policies/workspacePolicy.js';
import { presentWorkspace } from '../../presenters.js';
import { member, myWorkspace, permissions, workspace } from '../../http/responses/people.js';

const idParams = z.object({ id: idSchema });

type WorkspaceRow = typeof workspaces.$inferSelect;
type SettingsChange = Partial<Pick<WorkspaceRow, 'name' | 'description' | 'mandateAreas' | 'shareOverlaps'>>;

/** The settings a change really changes, as `{field: {from, to}}` for the audit trail (empty when it changes nothing). */
function settingsChanges(before: WorkspaceRow, patch: SettingsChange): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['name', 'description', 'mandateAreas', 'shareOverlaps'] as const) {
    const to = patch[key];
    if (to === undefined) continue;
    const from = before[key];
    // Mandate areas are compared as listed (their order is shown as given).
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export function registerWorkspaceRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/workspaces',
    summary: 'Create a working group; the creator is its facilitator',
    tags: ['workspaces'],
    response: z.strictObject({ workspace }),
    body: workspaceInput,
    status: 201,
    handler: async (ctx) => {
      const { tx, body, principal } = ctx;
      // Their own row shared first (users before workspaces, as everywhere): a move of theirs at the same moment is
      // waited for, so their membership carries the organization they end in, not the one the request started with.
      const [creator] = await tx.select({ organizationId: users.organizationId }).from(users).where(eq(users.id, principal.userId)).for('share');
      if (!creator) throw notFound('User');
      const [ws] = await tx
        .insert(workspaces)
        .values({ id: newId('ws'), name: body.name, description: body.description ?? '', mandateAreas: body.mandateAreas, createdById: principal.userId })
        .returning();
      await tx.insert(memberships).values({ workspaceId: ws.id, userId: principal.userId, organizationId: creator.organizationId, role: 'facilitator' });
      await ctx.audit({ action: 'workspace.created', workspaceId: ws.id, target: { type: 'workspace', id: ws.id }, changes: body });
      return { workspace: presentWorkspace(ws) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces',
    summary: 'The working groups the caller belongs to',
    tags: ['workspaces'],
    response: z.strictObject({ workspaces: z.array(myWorkspace) }),
    handler: async ({ tx, principal }) => {
      const rows = await tx
        .select({ ws: workspaces, role: memberships.role, focalPoint: memberships.focalPoint })
        .from(memberships)
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(eq(memberships.userId, principal.userId))
        .orderBy(asc(workspaces.name));
      return { workspaces: rows.map((r) => ({ ...presentWorkspace(r.ws), role: r.role, focalPoint: r.focalPoint })) };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id',
    summary: 'A working group with its members (active: false marks a deactivated account) and what the caller may do',
    tags: ['workspaces'],
    response: z.strictObject({ workspace, members: z.array(member), permissions }),
    params: idParams,
    handler: async ({ tx, principal, params }) => {
      const access = await requireWorkspace(tx, principal, params.id);
      const [ws] = await tx.select().from(workspaces).where(eq(workspaces.id, params.id));
      if (!ws) throw notFound('Working group');
      const members = await tx
        .select({ m: memberships, name: users.name, deactivatedAt: users.deactivatedAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, params.id))
        .orderBy(asc(users.name));
      return {
        workspace: presentWorkspace(ws),
        members: members.map(({ m, name, deactivatedAt }) => ({
          userId: m.userId,
          name,
          organizationId: m.organizationId,
          role: m.role,
          focalPoint: m.focalPoint,
          ...(deactivatedAt ? { active: false as const } : {}),
        })),
        permissions: permissionsOf(access),
      };
    },
  });

  route({
    method: 'PATCH',
    url: '/api/workspaces/:id',
    summary: 'Change a working group’s name, description, mandate areas or overlap sharing (facilitators); audited from → to, and the same values again are answered without being recorded or announced',
    tags: ['workspaces'],
    response: z.strictObject({ workspace }),
    refusals: [403],
    params: idParams,
    body: z
      .object({
        name: nameSchema.optional(),
        description: z.string().max(5000).optional(),
        mandateAreas: mandateAreasSchema.optional(),
        shareOverlaps: z.boolean().optional(),
      })
      .strict()
      .refine(nonEmpty, 'Nothing to change'),
    handler: async (ctx) => {
      await requireWorkspace(ctx.tx, ctx.principal, ctx.params.id, 'manageMembers');
      // Locked until commit: the same change sent twice at once is recorded once, as a change that changes nothing is.
      const [before] = await ctx.tx.select().from(workspaces).where(eq(workspaces.id, ctx.params.id)).for('update');
      if (!before) throw notFound('Working group');
      const changes = settingsChanges(before, ctx.body);
      // The same values again change nothing: answered, not recorded (or announced) again.
      if (!Object.keys(changes).length) return { workspace: presentWorkspace(before) };
      const [ws] = await ctx.tx.update(workspaces).set(ctx.body).where(eq(workspaces.id, ctx.params.id)).returning();
      await ctx.audit({ action: 'workspace.updated', workspaceId: ws.id, target: { type: 'workspace', id: ws.id }, changes });
      ctx.emit(ws.id, 'workspace:updated', { workspace: presentWorkspace(ws) });
      return { workspace: presentWorkspace(ws) };
    },
  });
}

/** Members of a workspace as {userId → name}, for presenters elsewhere. */
export async function memberNames(tx: Parameters<typeof requireWorkspace>[0], workspaceId: string, userIds: string[]) {
  if (!userIds.length) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
    .where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}
