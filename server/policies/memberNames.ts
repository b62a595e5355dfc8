/**
 * Names of people as members of given working groups: what someone in those groups may be shown of them
 * (a person's name is never read outside a group the viewer shares with them).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { memberships, users } from '../../db/schema.js';

export interface MemberName {
  workspaceId: string;
  userId: string;
  name: string;
}

/** Each of `userIds` who is a member of one of `workspaceIds`, once per such group, with their name. */
export async function memberNames(db: Executor, userIds: readonly string[], workspaceIds: readonly string[]): Promise<MemberName[]> {
  if (!userIds.length || !workspaceIds.length) return [];
  return db
    .select({ workspaceId: memberships.workspaceId, userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.userId, [...userIds]), inArray(memberships.workspaceId, [...workspaceIds])));
}
