/** Ending every session of a person at once (a password changed or reset), and closing their live sockets as sign-out does. */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions } from '../../db/schema.js';
import type { RouteContext } from '../http/pipeline.js';

type Ctx = Pick<RouteContext<unknown, unknown, unknown, boolean>, 'afterCommit' | 'services'>;

/** Revokes the user's sessions not yet revoked (all, or all but `keep`) in the transaction; returns their token hashes. */
export async function revokeSessionsOf(tx: Executor, userId: string, keep?: string): Promise<string[]> {
  const open = and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.tokenHash, keep) : undefined);
  const rows = await tx.update(sessions).set({ revokedAt: new Date() }).where(open).returning({ tokenHash: sessions.tokenHash });
  return rows.map((r) => r.tokenHash);
}

/**
 * After commit, closes each revoked session's document sockets and Socket.IO connections on every node, one
 * session at a time as sign-out does: the web app then hears "your session ended" (4401), not "access removed".
 */
export function closeSessionSockets(ctx: Ctx, userId: string, sessionHashes: string[], reason: string): void {
  if (!sessionHashes.length) return;
  ctx.afterCommit(async () => {
    await Promise.all(sessionHashes.map((sessionHash) => ctx.services.revokeAccess({ userId, sessionHash, reason })));
  });
}
