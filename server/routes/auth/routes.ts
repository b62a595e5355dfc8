/** Sign in and out. Unknown email and wrong password fail alike, on the same code path. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema.js';
import { emailSchema } from '../../../shared/schemas.js';
import { knownDevice } from '../../auth/deviceCookies.js';
import { FailureBound, reserveAll, type FailureBoundLog } from '../../auth/failureBounds.js';
import { verifyPassword } from '../../auth/passwords.js';
import { endSession } from '../../auth/sessions.js';
import { signIn } from '../../auth/signIn.js';
import { AppError, forbidden } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { presentUser } from '../../presenters.js';
import { user } from '../../http/responses/people.js';
import type { AppServices } from '../../services.js';

const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(256) });

/** Registers sign-in and sign-out. */
export function registerAuthRoutes(route: RouteFn, services: Pick<AppServices, 'config' | 'sharedFailures'> & { log?: FailureBoundLog }): void {
  const { loginFailures, loginWindowMs } = services.config.limits;
  const bound = (name: string, max: number) => new FailureBound(name, max, loginWindowMs, services.sharedFailures, services.log);
  const perAccount = bound('login-account', loginFailures);
  const perAddress = bound('login-address', loginFailures * 5);
  // One account from every address together: claimed addresses (a client on a trusted network can name any) and
  // botnets cannot multiply the guesses one account takes. Higher than the per-address bound, so a person mistyping
  // is locked out by their own address first.
  const perEmail = bound('login-email', loginFailures * 3);
  // A browser that signed in to the account before (see deviceCookies) is held only to its own failures: the
  // bounds above are ones other people can fill (an office behind one address, or anyone who knows the email).
  const perDevice = bound('login-device', loginFailures);

  route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Sign in with email and password; sets the session cookie and returns a bearer token',
    tags: ['auth'],
    response: z.strictObject({ user, token: z.string() }),
    refusals: [401, 403, 429],
    auth: false,
    body: loginBody,
    handler: async (ctx) => {
      const { body, tx, req } = ctx;
      const [user] = await tx.select().from(users).where(eq(users.email, body.email)).limit(1);
      const device = knownDevice(req.headers.cookie, user);
      const accountKey = `${body.email}|${req.ip}`;
      const bounds: [FailureBound, string][] = device
        ? [[perDevice, device]]
        : [[perAccount, accountKey], [perAddress, req.ip], [perEmail, body.email]];
      const waitOf = async () => Math.max(...(await Promise.all(bounds.map(([counter, key]) => counter.retryAfterMs(key)))));
      const tooMany = (waitMs: number) => {
        ctx.reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
        return new AppError('rate_limited', 'Too many failed sign-ins; wait 15 minutes and try again');
      };
      // Taken before the first await after the lookup: guesses sent at once count against each other while checked.
      const release = reserveAll(bounds);
      if (!release) throw tooMany(await waitOf());
      try {
        const waitMs = await waitOf();
        if (waitMs > 0) throw tooMany(waitMs);
        const ok = await verifyPassword(user?.passwordHash, body.password);
        if (!user || !ok) {
          // Every bound counts every failure: a device's guesses still fill the account's and the address's.
          await Promise.all([perAccount.fail(accountKey), perAddress.fail(req.ip), perEmail.fail(body.email), device ? perDevice.fail(device) : undefined]);
          throw new AppError('invalid_credentials', 'Email or password is not correct');
        }
        // Told only to someone who knows the password: whether an account exists stays hidden from guessers.
        if (user.deactivatedAt) throw forbidden('This account is deactivated; ask an administrator of Enlace to reactivate it', 'account_deactivated');
        await Promise.all([perAccount.clear(accountKey), device ? perDevice.clear(device) : undefined]);
      } finally {
        release();
      }
      const token = await signIn(ctx, user);
      return { user: presentUser(user), token };
    },
  });

  route({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'Sign out: revokes the token and closes its live sockets',
    tags: ['auth'],
    status: 204,
    handler: async (ctx) => {
      await endSession(ctx, ctx.principal.sessionHash);
      await ctx.audit({ action: 'session.revoked', target: { type: 'user', id: ctx.principal.userId } });
      const { userId, sessionHash } = ctx.principal;
      ctx.afterCommit(() => ctx.services.revokeAccess({ userId, sessionHash, reason: 'signed out' }));
      return undefined;
    },
  });
}
