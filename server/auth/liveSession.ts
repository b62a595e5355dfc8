/**
 * Whether a session still holds, asked again once a live socket is attached: a socket authorized just before its
 * session was revoked (sign-out, deactivation, a password change) was attached after the revocation had looked for
 * it, and kept its events and edits until the periodic access re-check, up to 30 s later.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';

/** True while the session behind `sessionHash` is neither revoked nor expired, and its person is not deactivated. */
export async function sessionIsLive(db: Executor, sessionHash: string): Promise<boolean> {
  const rows = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sessionHash), isNull(sessions.revokedAt), isNull(users.deactivatedAt), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return rows.length > 0;
}
