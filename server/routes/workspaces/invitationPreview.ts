/**
 * What an invitation link is for, before it is used: the invitation page shows the group, the role and who invited,
 * and the person chooses to join (opening a link used to join at once, whoever was signed in). Reading it uses nothing
 * up; it answers only to the link's holder, as the accept route does (404 for any link that no longer admits). It
 * answers without a session too: a link made for a person without an account is opened before they have one.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { invitations, memberships, organizations, users, workspaces } from '../../../db/schema.js';
import { WORKSPACE_ROLES } from '../../../shared/constants.js';
import { hashToken } from '../../auth/tokens.js';
import { AppError } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { facilitatesNow, INVALID, removedSince, vouchesNow } from './invitations.js';

const preview = z.strictObject({
  workspaceId: z.string(),
  workspaceName: z.string(),
  role: z.enum(WORKSPACE_ROLES),
  invitedBy: z.strictObject({ name: z.string(), acronym: z.string() }),
  expiresAt: z.string(),
  alreadyMember: z.boolean().describe('The caller is in the group already (joined with this link, or before); false without a session'),
  usedByYou: z.boolean().describe('The caller joined with this very link; false without a session'),
  signUp: z
    .strictObject({ organization: z.strictObject({ name: z.string(), acronym: z.string() }) })
    .nullable()
    .describe('For an unused link made for a person without an account: the organization their new account would join (POST /api/invitations/sign-up); null otherwise'),
});

/** The organization a still-unused sign-up link vouches for, while it is active (a deactivated agency takes no one new). */
async function signUpOffer(tx: Executor, organizationId: string | null): Promise<{ organization: { name: string; acronym: string } } | null> {
  if (!organizationId) return null;
  const [org] = await tx
    .select({ name: organizations.name, acronym: organizations.acronym })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), isNull(organizations.deactivatedAt)));
  return org ? { organization: org } : null;
}

/** Registers `POST /api/invitations/preview`. */
export function registerInvitationPreviewRoute(route: RouteFn): void {
  route({
    method: 'POST',
    url: '/api/invitations/preview',
    summary: 'What an invitation token admits to (group, role, who invited, and whether a person without an account may sign up with it), without using it; answers with or without a session; 404 when it admits no one',
    tags: ['workspaces'],
    response: preview,
    refusals: [403, 404],
    auth: false,
    // The token travels in the body, never in a URL that logs would keep.
    body: z.object({ token: z.string().min(10).max(200) }),
    handler: async (ctx) => {
      const { tx, principal } = ctx;
      const [row] = await tx
        .select({ inv: invitations, workspaceName: workspaces.name, inviter: users.name, acronym: organizations.acronym })
        .from(invitations)
        .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
        .innerJoin(users, eq(users.id, invitations.createdById))
        .innerJoin(organizations, eq(organizations.id, users.organizationId))
        .where(and(eq(invitations.tokenHash, hashToken(ctx.body.token)), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())));
      if (!row) throw new AppError('not_found', INVALID);
      const { inv } = row;
      const [member] = principal
        ? await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, principal.userId)))
        : [];
      const usedByCaller = !!principal && inv.usedById === principal.userId;
      // A used link says nothing to anyone but the person who used it, and to them only while they are in the group.
      if (inv.usedAt && !(usedByCaller && member)) throw new AppError('not_found', INVALID);
      if (!inv.usedAt && !(await facilitatesNow(tx, inv.createdById, inv.workspaceId))) throw new AppError('not_found', INVALID);
      if (principal && !member && (await removedSince(tx, inv.workspaceId, principal.userId, inv.createdAt))) {
        throw new AppError('forbidden', 'You were removed from this working group after this invitation was made; ask a facilitator to add you again');
      }
      return {
        workspaceId: inv.workspaceId,
        workspaceName: row.workspaceName,
        role: inv.role as (typeof WORKSPACE_ROLES)[number],
        invitedBy: { name: row.inviter, acronym: row.acronym },
        expiresAt: inv.expiresAt.toISOString(),
        alreadyMember: !!member,
        usedByYou: usedByCaller,
        // A link its maker may no longer vouch with (see vouchesNow) still lets an existing account join.
        signUp: inv.usedAt || !inv.organizationId || !(await vouchesNow(tx, inv.createdById, inv.workspaceId, inv.organizationId)) ? null : await signUpOffer(tx, inv.organizationId),
      };
    },
  });
}
