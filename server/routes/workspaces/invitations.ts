/** Invitation links: facilitators create expiring, single-use links; a signed-in person accepts one to join. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships } from '../../../db/schema.js';
import { WORKSPACE_ROLES } from '../../../shared/constants.js';
import { idSchema } from '../../../shared/schemas.js';
import { hashToken, newToken } from '../../auth/tokens.js';
import { AppError } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { requireWorkspace } from '../../policies/workspacePolicy.js';

export function registerInvitationRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/workspaces/:id/invitations',
    summary: 'Create a single-use invitation link (facilitators); the token is shown once',
    tags: ['workspaces'],
    params: z.object({ id: idSchema }),
    body: z.object({ role: z.enum(WORKSPACE_ROLES).default('member'), expiresInHours: z.number().int().min(1).max(24 * 30).default(72) }),
    status: 201,
    handler: async (ctx) => {
      await requireWorkspace(ctx.tx, ctx.principal, ctx.params.id, 'manageMembers');
      const token = newToken();
      const expiresAt = new Date(Date.now() + ctx.body.expiresInHours * 3600 * 1000);
      const id = newId('inv');
      await ctx.tx.insert(invitations).values({ id, workspaceId: ctx.params.id, tokenHash: hashToken(token), role: ctx.body.role, createdById: ctx.principal.userId, expiresAt });
      await ctx.audit({ action: 'invitation.created', workspaceId: ctx.params.id, target: { type: 'invitation', id }, changes: { role: ctx.body.role, expiresAt: expiresAt.toISOString() } });
      return { invitation: { id, token, role: ctx.body.role, expiresAt: expiresAt.toISOString(), path: `/invite/${token}` } };
    },
  });

  route({
    method: 'POST',
    url: '/api/invitations/accept',
    summary: 'Join a working group with an invitation token (expiring, single-use)',
    tags: ['workspaces'],
    body: z.object({ token: z.string().min(10).max(200) }),
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      // Claim the invitation atomically: a second use finds it used.
      const [inv] = await tx
        .update(invitations)
        .set({ usedAt: new Date(), usedById: principal.userId })
        .where(and(eq(invitations.tokenHash, hashToken(ctx.body.token)), isNull(invitations.usedAt), gt(invitations.expiresAt, new Date())))
        .returning();
      if (!inv) throw new AppError('not_found', 'This invitation is invalid, expired or already used; ask the facilitator for a new one');
      const [existing] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, principal.userId)));
      const [m] = existing
        ? [existing]
        : await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId: principal.userId, organizationId: principal.organizationId, role: inv.role }).returning();
      await ctx.audit({ action: 'invitation.accepted', workspaceId: inv.workspaceId, target: { type: 'invitation', id: inv.id }, changes: { userId: principal.userId, role: m.role } });
      const member = { userId: m.userId, name: principal.name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint };
      if (!existing) ctx.emit(inv.workspaceId, 'member:updated', { member });
      return { workspaceId: inv.workspaceId, member };
    },
  });
}
