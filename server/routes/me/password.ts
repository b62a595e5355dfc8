/** The signed-in person changes their own password; their other sessions end, the one they used stays. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema.js';
import { passwordSchema } from '../../../shared/schemas.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { closeSessionSockets, revokeSessionsOf } from '../../auth/sessionRevocation.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { FailureBound, type FailureBoundLog } from '../../auth/failureBounds.js';
import type { AppServices } from '../../services.js';

const passwordChangeBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema });

/** Registers POST /api/me/password. */
export function registerPasswordChangeRoute(route: RouteFn, services: Pick<AppServices, 'config' | 'sharedFailures'> & { log?: FailureBoundLog }): void {
  // Wrong current passwords per account, with sign-in's bounds and, like them, shared by every node: a stolen
  // session must not become a way to guess the password.
  const { loginFailures, loginWindowMs } = services.config.limits;
  const guesses = new FailureBound('password-change', loginFailures, loginWindowMs, services.sharedFailures, services.log);

  route({
    method: 'POST',
    url: '/api/me/password',
    summary: 'Change your password (the current one is checked); your other sessions are signed out, this one stays',
    tags: ['auth'],
    status: 204,
    refusals: [429],
    body: passwordChangeBody,
    handler: async (ctx) => {
      const { tx, principal, body } = ctx;
      const tooMany = (waitMs: number) => {
        ctx.reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
        return new AppError('rate_limited', 'Too many wrong current passwords; wait 15 minutes and try again');
      };
      // Taken before any await: wrong passwords sent at once count against each other while they are checked.
      const release = guesses.reserve(principal.userId);
      if (!release) throw tooMany(await guesses.retryAfterMs(principal.userId));
      try {
        const waitMs = await guesses.retryAfterMs(principal.userId);
        if (waitMs > 0) throw tooMany(waitMs);
        const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.userId));
        if (!user) throw notFound('User');
        // A 400 on the field rather than a 401: the caller is signed in, and a 401 reads as a lost session.
        if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
          await guesses.fail(principal.userId);
          throw new AppError('validation_failed', 'The current password is not correct', [
            { path: 'currentPassword', message: 'The current password is not correct', issue: 'incorrect_password' },
          ]);
        }
        await guesses.clear(principal.userId);
      } finally {
        release();
      }
      await tx.update(users).set({ passwordHash: await hashPassword(body.newPassword) }).where(eq(users.id, principal.userId));
      const revoked = await revokeSessionsOf(tx, principal.userId, principal.sessionHash);
      await ctx.audit({ action: 'user.password_changed', target: { type: 'user', id: principal.userId }, changes: { sessionsRevoked: revoked.length } });
      closeSessionSockets(ctx, principal.userId, revoked, 'password changed');
      return undefined;
    },
  });
}
