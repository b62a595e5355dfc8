/**
 * A sign-up sent again after its reply was lost (a dropped connection, a double click on a slow network): the link is
 * used by then, by the very account the first attempt created. When the email and password are that account's, the
 * retry signs its person in and answers as the first attempt did, instead of telling them the link is invalid while
 * their account already exists. The lost answer may have set its session cookie on the way (headers, then a cut): sent
 * with that session, the retry is answered the same. Anything else is refused as any used link is: it proves nothing
 * a sign-in would not.
 */
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { invitations, memberships, users } from '../../../db/schema.js';
import { verifyPassword } from '../../auth/passwords.js';
import { hashToken } from '../../auth/tokens.js';

/** What the first attempt made: the account and its membership in the link's group. */
export interface EarlierSignUp {
  account: typeof users.$inferSelect;
  membership: typeof memberships.$inferSelect;
}

/** Who sends the sign-up again: its email and password, or the session its lost answer had already set. */
export type RetryProof = { email: string; password: string } | { userId: string };

/**
 * The account and membership a used sign-up link created, when `proof` is that account's (its email and password, or
 * its session) and the link is still within its time (unexpired, unrevoked), the account active and still in the
 * group; otherwise undefined.
 */
export async function retriedSignUp(tx: Executor, token: string, proof: RetryProof): Promise<EarlierSignUp | undefined> {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNotNull(invitations.usedById),
        isNotNull(invitations.organizationId),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!inv?.usedById) return undefined;
  const same = 'userId' in proof ? eq(users.id, proof.userId) : eq(users.email, proof.email);
  const [account] = await tx.select().from(users).where(and(eq(users.id, inv.usedById), same, isNull(users.deactivatedAt)));
  if ('password' in proof) {
    // Verified even when no account matched, so a wrong email costs the same time as a wrong password.
    const passwordOk = await verifyPassword(account?.passwordHash, proof.password);
    if (!passwordOk) return undefined;
  }
  if (!account) return undefined;
  const [membership] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, inv.workspaceId), eq(memberships.userId, account.id)));
  return membership ? { account, membership } : undefined;
}
