/** Who is calling: resolved from a bearer token or the session cookie. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organizations, sessions, users } from '../../db/schema.js';
import { hashToken } from './tokens.js';

export interface Principal {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  /** The organization's acronym (shown beside the person's name, e.g. on their caret in a plan). */
  organizationAcronym: string;
  isAdmin: boolean;
  locale: string;
  /** Hash of the session token used, to revoke or close its sockets. */
  sessionHash: string;
  /** How the token came: cookie writes need an allowed Origin. */
  via: 'bearer' | 'cookie' | 'query';
}

/** Looks a token up; undefined when unknown, expired or revoked. */
export async function principalFromToken(db: Executor, token: string, via: Principal['via']): Promise<Principal | undefined> {
  if (!token || token.length > 200) return undefined;
  const sessionHash = hashToken(token);
  const rows = await db
    .select({ user: users, acronym: organizations.acronym })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(sessions.tokenHash, sessionHash), isNull(sessions.revokedAt), isNull(users.deactivatedAt), gt(sessions.expiresAt, new Date())))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return {
    userId: row.user.id,
    email: row.user.email,
    name: row.user.name,
    organizationId: row.user.organizationId,
    organizationAcronym: row.acronym,
    isAdmin: row.user.isAdmin,
    locale: row.user.locale,
    sessionHash,
    via,
  };
}
