/** Sessions: created at login/setup (rotating any previous cookie session), revoked at logout. */
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { sessions } from '../../db/schema.js';
import type { RouteContext } from '../http/pipeline.js';
import { hashToken, newToken, readCookie, SESSION_COOKIE, SESSION_TTL_MS } from './tokens.js';

type Ctx = Pick<RouteContext<unknown, unknown, unknown, boolean>, 'tx' | 'req' | 'reply' | 'services' | 'afterCommit'>;

function setCookie(reply: FastifyReply, value: string, maxAgeSeconds: number, secure: boolean): void {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (secure) parts.push('Secure');
  reply.header('set-cookie', parts.join('; '));
}

/** Creates a session for the user, sets the cookie, and returns the bearer token. */
export async function startSession(ctx: Ctx, userId: string): Promise<string> {
  // Rotation: a session cookie the browser brought in is revoked, never reused (no fixation).
  const previous = readCookie(ctx.req.headers.cookie, SESSION_COOKIE);
  if (previous) {
    const sessionHash = hashToken(previous);
    const ended = await ctx.tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.tokenHash, sessionHash), isNull(sessions.revokedAt)))
      .returning({ userId: sessions.userId });
    // Its live sockets end with it, on every node, as at sign-out (they kept writing until the periodic re-check).
    for (const { userId: endedFor } of ended) ctx.afterCommit(() => ctx.services.revokeAccess({ userId: endedFor, sessionHash, reason: 'signed in again' }));
  }
  const token = newToken();
  await ctx.tx.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
  setCookie(ctx.reply, token, SESSION_TTL_MS / 1000, ctx.services.config.secureCookies);
  return token;
}

/** Revokes the session behind a token hash and clears the cookie. */
export async function endSession(ctx: Ctx, sessionHash: string): Promise<void> {
  await ctx.tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, sessionHash));
  setCookie(ctx.reply, '', 0, ctx.services.config.secureCookies);
}
