/** Who speaks for an organization in a working group now: one focal point per organization, so naming another replaces them. */
import type { Member } from '../api/types.js';

/** The member (other than `userId`) who is `organizationId`'s focal point in the group, if any. */
export function focalPointHolder(members: readonly Member[], organizationId: string | undefined, userId: string): Member | undefined {
  if (!organizationId) return undefined;
  return members.find((m) => m.focalPoint && m.organizationId === organizationId && m.userId !== userId);
}
