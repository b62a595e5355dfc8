/**
 * Invitation links: facilitators create expiring, single-use links, list and revoke them; a signed-in person accepts
 * one to join (a link that names an organization also lets a person without an account sign up: invitationSignUp.ts).
 * A link speaks for the facilitator who made it: it stops working when they no longer facilitate the group, and it
 * never lets back in someone removed from the group after it was made.
 */
import { and, desc, eq, gt, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, invitations, memberships, users } from '../../../db/schema.js';
import { WORKSPACE_ROLES } from '../../../shared/constants.js';
import { idSchema } from '../../../shared/schemas.js';
import { hashToken, newToken } from '../../auth/tokens.js';
import { AppError, conflict, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { can, findAccess, requireWorkspace } from '../../policies/workspacePolicy.js';
import { invitation, member, newInvitation } from '../../http/responses/people.js';
import { reconcileStanceRequests } from '../../notifications/stanceRequests.js';
import { requireAssignableOrganization } from '../organizations/assignable.js';
import { lockMembership } from './facilitatorSuccession.js';

type InvitationRow = typeof invitations.$inferSelect;
type Executor = Parameters<typeof findAccess>[0];

export const INVALID = 'This invitation is invalid, expired, revoked or already used; ask a facilitator for a new one';

/** What a facilitator sees of an invitation (never its token, which is stored hashed and shown once). */
function presentInvitation(inv: InvitationRow, creatorStillFacilitates: boolean) {
  const status = inv.usedAt ? 'used' : inv.revokedAt ? 'revoked' : inv.expiresAt <= new Date() ? 'expired' : creatorStillFacilitates ? 'pending' : 'void';
  return {
    id: inv.id,
    workspaceId: inv.workspaceId,
    role: inv.role,
    status,
    createdById: inv.createdById,
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    usedAt: inv.usedAt?.toISOString() ?? null,
    usedById: inv.usedById,
    revokedAt: inv.revokedAt?.toISOString() ?? null,
    organizationId: inv.organizationId,
  };
}

/**
 * Whether `userId` facilitates the group now (a link stops working when its maker no longer does): a deactivated
 * account facilitates nothing, though its membership row stays (its links admitted people, as facilitators too).
 */
export async function facilitatesNow(tx: Executor, userId: string, workspaceId: string): Promise<boolean> {
  const [active] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deactivatedAt)));
  return !!active && (await findAccess(tx, userId, workspaceId))?.role === 'facilitator';
}

/**
 * Whether a link's maker may still vouch for a new account in `organizationId`: they facilitate the group and are an
 * instance admin or of that agency themselves. People are the admins' to create; a facilitator of one agency minting
 * another agency's officials could make one of them that agency's focal point and cast its stance.
 */
export async function vouchesNow(tx: Executor, userId: string, workspaceId: string, organizationId: string): Promise<boolean> {
  const [maker] = await tx.select({ isAdmin: users.isAdmin, organizationId: users.organizationId }).from(users).where(eq(users.id, userId));
  return !!maker && mayVouchFor(maker, organizationId) && (await facilitatesNow(tx, userId, workspaceId));
}

/** Whether `person` may vouch for a new account in `organizationId`: an instance admin for any, others for their own. */
export function mayVouchFor(person: { isAdmin: boolean; organizationId: string }, organizationId: string): boolean {
  return person.isAdmin || person.organizationId === organizationId;
}

/** Whether `userId` was removed from the group at or after `since` (the removal is recorded in the same transaction). */
export async function removedSince(tx: Executor, workspaceId: string, userId: string, since: Date): Promise<boolean> {
  const rows = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'member.removed'), sql`${auditEvents.target}->>'id' = ${userId}`, gte(auditEvents.at, since)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Claims an unused, unexpired, unrevoked invitation for `userId` atomically: a second use finds it used. Any refusal
 * after it in the same transaction rolls the claim back. `forSignUp` admits only links made for a person without an account.
 */
export async function claimInvitation(tx: Executor, token: string, userId: string, forSignUp = false): Promise<InvitationRow | undefined> {
  const [inv] = await tx
    .update(invitations)
    .set({ usedAt: new Date(), usedById: userId })
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        forSignUp ? isNotNull(invitations.organizationId) : undefined,
      ),
    )
    .returning();
  return inv;
}

export function registerInvitationRoutes(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/workspaces/:id/invitations',
    summary: 'Create a single-use invitation link (facilitators); the token is shown once. With organizationId, the link also lets a person without an account sign up, in that organization',
    tags: ['workspaces'],
    response: z.strictObject({ invitation: newInvitation }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    body: z.object({
      role: z.enum(WORKSPACE_ROLES).default('member'),
      expiresInHours: z.number().int().min(1).max(24 * 30).default(72),
      // The facilitator vouches for the newcomer's agency: stances are one per agency, so nobody picks their own.
      organizationId: idSchema.optional().describe('For a person without an account: the (active) organization their new account joins; the facilitator’s own, unless they are an instance admin'),
    }),
    status: 201,
    handler: async (ctx) => {
      await requireWorkspace(ctx.tx, ctx.principal, ctx.params.id, 'manageMembers');
      const organizationId = ctx.body.organizationId ?? null;
      if (organizationId && !mayVouchFor(ctx.principal, organizationId)) {
        throw new AppError('forbidden', 'Only an instance administrator may make a sign-up link for another institution; make it for your own institution, or ask an administrator to create the account');
      }
      if (organizationId) await requireAssignableOrganization(ctx.tx, organizationId, 'organizationId');
      const token = newToken();
      const expiresAt = new Date(Date.now() + ctx.body.expiresInHours * 3600 * 1000);
      const id = newId('inv');
      await ctx.tx.insert(invitations).values({ id, workspaceId: ctx.params.id, tokenHash: hashToken(token), role: ctx.body.role, createdById: ctx.principal.userId, expiresAt, organizationId });
      const changes = { role: ctx.body.role, expiresAt: expiresAt.toISOString(), ...(organizationId ? { organizationId } : {}) };
      await ctx.audit({ action: 'invitation.created', workspaceId: ctx.params.id, target: { type: 'invitation', id }, changes });
      return { invitation: { id, token, role: ctx.body.role, expiresAt: expiresAt.toISOString(), path: `/invite/${token}`, organizationId } };
    },
  });

  route({
    method: 'GET',
    url: '/api/workspaces/:id/invitations',
    summary: 'The group’s invitation links, newest first, with their status (facilitators; tokens are never shown again)',
    tags: ['workspaces'],
    response: z.strictObject({ invitations: z.array(invitation) }),
    refusals: [403],
    params: z.object({ id: idSchema }),
    handler: async ({ tx, params, principal }) => {
      await requireWorkspace(tx, principal, params.id, 'manageMembers');
      const rows = await tx.select().from(invitations).where(eq(invitations.workspaceId, params.id)).orderBy(desc(invitations.createdAt)).limit(200);
      // Active facilitators: a deactivated one's links are void, as facilitatesNow says.
      const facilitators = new Set(
        (
          await tx
            .select({ userId: memberships.userId })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.workspaceId, params.id), eq(memberships.role, 'facilitator'), isNull(users.deactivatedAt)))
        ).map((m) => m.userId),
      );
      return { invitations: rows.map((inv) => presentInvitation(inv, facilitators.has(inv.createdById))) };
    },
  });

  route({
    method: 'DELETE',
    url: '/api/invitations/:id',
    summary: 'Revoke an unused invitation link (facilitators of its group)',
    tags: ['workspaces'],
    refusals: [403, 409],
    params: z.object({ id: idSchema }),
    status: 204,
    handler: async (ctx) => {
      const { tx, params, principal } = ctx;
      const [inv] = await tx.select().from(invitations).where(eq(invitations.id, params.id)).limit(1);
      if (!inv) throw notFound('Invitation');
      const access = await findAccess(tx, principal.userId, inv.workspaceId);
      if (!access) throw notFound('Invitation');
      if (!can(access, 'manageMembers')) throw new AppError('forbidden', `Your role (${access.role}) may not do this`);
      if (inv.usedAt) throw conflict('This invitation was already used; remove the member instead', 'invitation_used');
      if (inv.revokedAt) return undefined;
      await tx.update(invitations).set({ revokedAt: new Date(), revokedById: principal.userId }).where(eq(invitations.id, inv.id));
      await ctx.audit({ action: 'invitation.revoked', workspaceId: inv.workspaceId, target: { type: 'invitation', id: inv.id }, changes: { role: inv.role } });
      return undefined;
    },
  });

  route({
    method: 'POST',
    url: '/api/invitations/accept',
    summary: 'Join a working group with an invitation token (expiring, single-use, void once its facilitator no longer facilitates)',
    tags: ['workspaces'],
    response: z.strictObject({ workspaceId: z.string(), member }),
    refusals: [403, 404, 409],
    body: z.object({ token: z.string().min(10).max(200) }),
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      const inv = await claimInvitation(tx, ctx.body.token, principal.userId);
      if (!inv) {
        // Opened again by the person who used it (from the chat it came in, after a lost answer, in a second tab): they
        // are in the group, and are told so, not that the link is invalid. Anyone else learns nothing.
        const [used] = await tx
          .select({ workspaceId: invitations.workspaceId })
          .from(invitations)
          .innerJoin(memberships, and(eq(memberships.workspaceId, invitations.workspaceId), eq(memberships.userId, principal.userId)))
          .where(and(eq(invitations.tokenHash, hashToken(ctx.body.token)), eq(invitations.usedById, principal.userId)));
        if (used) throw conflict('You already joined this working group with this invitation', 'already_member', { workspaceId: used.workspaceId, joinedWithThis: true });
        throw new AppError('not_found', INVALID);
      }
      // In the one lock order (lockMembership, facilitatorSuccession.ts).
      // Their own row shared: a move of theirs at the same moment is waited for (or waits for this), so the membership
      // carries the organization they end in; the session's copy may predate it. Then the group, as the member routes.
      const [account] = await tx.select().from(users).where(eq(users.id, principal.userId)).for('share');
      if (!account || account.deactivatedAt) throw new AppError('unauthenticated', 'Your account was deactivated; sign in again');
      await lockMembership(tx, inv.workspaceId);
      if (!(await facilitatesNow(tx, inv.createdById, inv.workspaceId))) throw new AppError('not_found', INVALID);
      const [existing] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, principal.userId)));
      // A member opening a link meant for someone else must not use it up (nor change their own role with it).
      if (existing) {
        throw conflict('You are already a member of this working group; the link stays unused for the person it was made for', 'already_member', { workspaceId: inv.workspaceId });
      }
      if (await removedSince(tx, inv.workspaceId, principal.userId, inv.createdAt)) {
        throw new AppError('forbidden', 'You were removed from this working group after this invitation was made; ask a facilitator to add you again');
      }
      const [m] = await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId: account.id, organizationId: account.organizationId, role: inv.role }).returning();
      await reconcileStanceRequests(tx, inv.workspaceId, m.organizationId, ctx);
      await ctx.audit({ action: 'invitation.accepted', workspaceId: inv.workspaceId, target: { type: 'invitation', id: inv.id }, changes: { userId: principal.userId, role: m.role } });
      const member = { userId: m.userId, name: account.name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint };
      ctx.emit(inv.workspaceId, 'member:updated', { member });
      // Their own sockets are in no room of the group yet: their other tabs' lists of groups follow too.
      ctx.afterCommit(() => ctx.services.events.toUser(principal.userId, 'member:updated', { workspaceId: inv.workspaceId, member }));
      return { workspaceId: inv.workspaceId, member };
    },
  });
}
