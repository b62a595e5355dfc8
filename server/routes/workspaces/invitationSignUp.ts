/**
 * Signing up with an invitation: a link a facilitator made for a person without an account (it names the agency the
 * new account joins, vouched for by the facilitator, since formal stances are one per agency) creates that account,
 * adds it to the group with the link's role and signs the person in, all in one transaction. The link admits exactly
 * as accept does (unused, unexpired, unrevoked, its maker still facilitating), and is used up by it.
 *
 * Sent again after its reply was lost, with the same email and password (or with the session that reply's cookie set),
 * it signs in the account it made (signUpRetry.ts).
 *
 * Anyone may call it, so it is bounded like sign-in: an address whose attempts keep failing (links that admit no one,
 * emails that already have an account, which would otherwise let a link's holder probe for accounts) waits; and a
 * browser page on another site may not call it (it sets the session cookie).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { memberships, organizations, users } from '../../../db/schema.js';
import { emailSchema, nameSchema, passwordSchema } from '../../../shared/schemas.js';
import { FailureBound, type FailureBoundLog } from '../../auth/failureBounds.js';
import { hashPassword } from '../../auth/passwords.js';
import { signIn } from '../../auth/signIn.js';
import { AppError, conflict, forbidden } from '../../http/errors.js';
import { isAllowedOrigin } from '../../http/origin.js';
import type { RouteFn } from '../../http/pipeline.js';
import { member, user } from '../../http/responses/people.js';
import { newId } from '../../ids.js';
import { reconcileStanceRequests } from '../../notifications/stanceRequests.js';
import { presentUser } from '../../presenters.js';
import type { AppServices } from '../../services.js';
import { claimInvitation, vouchesNow, INVALID } from './invitations.js';
import { retriedSignUp, type EarlierSignUp } from './signUpRetry.js';

/** The same rules for email, name and password as an account an instance admin creates (POST /api/users). */
const signUpBody = z.object({ token: z.string().min(10).max(200), name: nameSchema, email: emailSchema, password: passwordSchema });

export const EMAIL_TAKEN = 'An account with this email already exists in Enlace: sign in with it, then open the invitation link again to join';

/**
 * Whether the organization still takes new people (a deactivated agency takes no one new, even by a link made before).
 * Share-locked until commit, as requireAssignableOrganization does: a deactivation at the same moment waits for the
 * sign-up, or the sign-up waits for it and is refused.
 */
async function organizationActive(tx: Executor, organizationId: string): Promise<boolean> {
  // In the one lock order (lockMembership, facilitatorSuccession.ts).
  const [org] = await tx
    .select({ deactivatedAt: organizations.deactivatedAt })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for('share');
  return !!org && org.deactivatedAt === null;
}

/** Registers `POST /api/invitations/sign-up`. */
export function registerInvitationSignUpRoute(route: RouteFn, services: Pick<AppServices, 'config' | 'sharedFailures'> & { log?: FailureBoundLog }): void {
  const { loginFailures, loginWindowMs } = services.config.limits;
  // Sign-in's bound per address, counted apart: failing sign-ups and failing sign-ins do not lock each other out.
  const perAddress = new FailureBound('sign-up-address', loginFailures * 5, loginWindowMs, services.sharedFailures, services.log);

  route({
    method: 'POST',
    url: '/api/invitations/sign-up',
    summary:
      'Create an account with an invitation made for a person without one (in the organization its facilitator chose, never an admin), join the group with its role and sign in: sets the session cookie and returns a bearer token. Sent again with the same token, email and password (or with the session the first answer set) while the link is unexpired (a lost reply), it signs that account in and answers the same. 404 for a link that admits no one or was made for people who have an account; 409 email_taken; 403 when signed in or from another site; 429 after repeated failures',
    tags: ['workspaces'],
    response: z.strictObject({ user, token: z.string(), workspaceId: z.string(), member }),
    refusals: [403, 404, 409, 429],
    auth: false,
    body: signUpBody,
    status: 201,
    handler: async (ctx) => {
      const { tx, req, body } = ctx;
      // The first attempt's answer, for the account it made: a new session, as a sign-in would give.
      const answerAgain = async ({ account, membership: m }: EarlierSignUp) => {
        const token = await signIn(ctx, account);
        const joined = { userId: account.id, name: account.name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint };
        return { user: presentUser(account), token, workspaceId: m.workspaceId, member: joined };
      };
      // It sets the session cookie: a page on another site must not sign a browser in to an account it chose.
      if (!isAllowedOrigin(req, ctx.services.config.publicOrigin, false)) {
        throw forbidden(`Cross-site request refused: the Origin ${String(req.headers.origin).slice(0, 200)} is not this server's public origin (${ctx.services.config.publicOrigin})`);
      }
      // The audit trail would name whoever is signed in as the new account's maker, and the new session would end theirs;
      // unless the session is the very account this link made, whose answer was lost after its cookie arrived.
      if (ctx.principal) {
        const earlier = await retriedSignUp(tx, body.token, { userId: ctx.principal.userId });
        if (earlier) return answerAgain(earlier);
        throw forbidden('You are signed in: to join with this account, accept the invitation instead; to create another account, sign out first');
      }
      const tooMany = (waitMs: number) => {
        ctx.reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
        return new AppError('rate_limited', 'Too many failed attempts; wait 15 minutes and try again');
      };
      // Taken before the first await: attempts sent at once count against each other while they are checked (each
      // was otherwise checked before any of them had failed, and on PostgreSQL as many as its pool held went on).
      const release = perAddress.reserve(req.ip);
      if (!release) throw tooMany(await perAddress.retryAfterMs(req.ip));
      try {
        const waitMs = await perAddress.retryAfterMs(req.ip);
        if (waitMs > 0) throw tooMany(waitMs);
        const refuse = async (err: AppError): Promise<AppError> => {
          await perAddress.fail(req.ip);
          return err;
        };
        const userId = newId('usr');
        // Claimed first, atomically (a second sign-up with the link finds it used); every refusal below rolls it back.
        const inv = await claimInvitation(tx, body.token, userId, true);
        if (!inv) {
          // Sent again after a lost reply: the account it made signs in, as the first attempt would have.
          const earlier = await retriedSignUp(tx, body.token, { email: body.email, password: body.password });
          if (!earlier) throw await refuse(new AppError('not_found', INVALID));
          return await answerAgain(earlier);
        }
        if (!inv.organizationId || !(await vouchesNow(tx, inv.createdById, inv.workspaceId, inv.organizationId))) throw await refuse(new AppError('not_found', INVALID));
        // Hashed before the agency's row is share-locked: a change of the agency does not wait for the hash.
        const passwordHash = await hashPassword(body.password);
        if (!(await organizationActive(tx, inv.organizationId))) throw await refuse(new AppError('not_found', INVALID));
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, body.email));
        if (taken) throw await refuse(conflict(EMAIL_TAKEN, 'email_taken'));
        const [account] = await tx
          .insert(users)
          .values({ id: userId, email: body.email, name: body.name, passwordHash, organizationId: inv.organizationId, isAdmin: false })
          .returning();
        const [m] = await tx.insert(memberships).values({ workspaceId: inv.workspaceId, userId, organizationId: account.organizationId, role: inv.role }).returning();
        await reconcileStanceRequests(tx, inv.workspaceId, m.organizationId, ctx);
        const actor = { userId, organizationId: account.organizationId };
        await ctx.audit({
          action: 'user.created',
          target: { type: 'user', id: userId },
          // How the account came: the invitation.accepted entry beside it (same transaction) names the link.
          changes: { email: account.email, organizationId: account.organizationId, isAdmin: false, viaInvitation: true, invitedById: inv.createdById },
          actor,
        });
        await ctx.audit({ action: 'invitation.accepted', workspaceId: inv.workspaceId, target: { type: 'invitation', id: inv.id }, changes: { userId, role: m.role, signedUp: true }, actor });
        const token = await signIn(ctx, account);
        const joined = { userId, name: account.name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint };
        ctx.emit(inv.workspaceId, 'member:updated', { member: joined });
        return { user: presentUser(account), token, workspaceId: inv.workspaceId, member: joined };
      } finally {
        // Given back once the attempt's failure is recorded (refuse awaits it before throwing) or it succeeded.
        release();
      }
    },
  });
}
