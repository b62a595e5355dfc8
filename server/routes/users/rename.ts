/**
 * A person's name changes (they fix it themselves, or an instance admin corrects a typo): everywhere it is shown
 * follows at once. The member lists of their groups hear `member:updated`, their open plan sockets on every node
 * relabel their carets (the server stamps who a caret is), and the comments that mention them are found by the new
 * name. The caller records the audit event, in the same transaction.
 */
import { eq, type InferSelectModel } from 'drizzle-orm';
import { memberships, users } from '../../../db/schema.js';
import type { RouteContext } from '../../http/pipeline.js';
import { refreshMentionNamesOfUser } from '../../search/mentionNames.js';

type RenameContext = Pick<RouteContext<unknown, unknown, unknown, true>, 'tx' | 'emit' | 'afterCommit' | 'services'>;
type UserRow = InferSelectModel<typeof users>;

/** Gives `person` the name `name` and tells their groups and live sockets; returns the updated row. */
export async function renamePerson(ctx: RenameContext, person: UserRow, name: string): Promise<UserRow> {
  const { tx } = ctx;
  const [renamed] = await tx.update(users).set({ name }).where(eq(users.id, person.id)).returning();
  await refreshMentionNamesOfUser(tx, person.id);
  const groups = await tx.select().from(memberships).where(eq(memberships.userId, person.id));
  for (const m of groups) {
    ctx.emit(m.workspaceId, 'member:updated', { member: { userId: person.id, name, organizationId: m.organizationId, role: m.role, focalPoint: m.focalPoint } });
    ctx.afterCommit(() => ctx.services.changeAccess({ userId: person.id, workspaceId: m.workspaceId }));
  }
  return renamed;
}
