/**
 * Signing a person in once they have proven who they are: the one sequence sign-in and an invitation's sign-up share,
 * so a new account's first session is exactly a sign-in's (rotated cookie, bearer token, device cookie, audit event).
 */
import type { RouteContext } from '../http/pipeline.js';
import { setDeviceCookie } from './deviceCookies.js';
import { startSession } from './sessions.js';

type Ctx = Pick<RouteContext<unknown, unknown, unknown, boolean>, 'tx' | 'req' | 'reply' | 'services' | 'afterCommit' | 'audit'>;

interface Account {
  id: string;
  organizationId: string;
  passwordHash: string;
}

/** Starts the person's session (cookie set on the reply), records `session.created`, and returns the bearer token. */
export async function signIn(ctx: Ctx, account: Account): Promise<string> {
  const token = await startSession(ctx, account.id);
  // After the session cookie: a client that reads only the first Set-Cookie gets its session.
  setDeviceCookie(ctx.reply, account, ctx.services.config.secureCookies);
  await ctx.audit({ action: 'session.created', target: { type: 'user', id: account.id }, actor: { userId: account.id, organizationId: account.organizationId } });
  return token;
}
