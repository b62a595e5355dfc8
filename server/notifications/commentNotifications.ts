/** Who hears about a comment: the people it mentions, and the others taking part in its thread. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { comments, memberships, notifications } from '../../db/schema.js';
import type { CommentRow } from '../policies/commentPolicy.js';
import { createNotifications, type LiveDelivery, type NewNotification, type NotificationRow } from './notify.js';

function targetOf(c: CommentRow): Record<string, unknown> {
  return { type: 'comment', documentId: c.documentId, commentId: c.id, threadId: c.threadId, actorId: c.authorId };
}

/**
 * Notifies for a new or edited comment. `mentioned` are the users its mentions reach (already
 * limited to members); `alreadyMentioned` were told before (an edit only notifies newcomers).
 * A reply also tells earlier participants of the thread, once, unless a mention already does.
 */
export async function notifyForComment(
  tx: Executor,
  comment: CommentRow,
  mentioned: string[],
  live: LiveDelivery,
  opts: { isNew: boolean; alreadyMentioned?: string[] },
): Promise<NotificationRow[]> {
  const skip = new Set([comment.authorId, ...(opts.alreadyMentioned ?? [])]);
  const items: NewNotification[] = [];
  const told = new Set<string>([comment.authorId]);
  for (const userId of mentioned) {
    if (skip.has(userId) || told.has(userId)) continue;
    told.add(userId);
    // Named in person, or reached as a member of a mentioned organization: the inbox words them differently.
    const via = comment.mentions.userIds.includes(userId) ? 'person' : 'organization';
    items.push({ userId, workspaceId: comment.workspaceId, kind: 'mention', target: { ...targetOf(comment), via } });
  }
  if (opts.isNew && comment.parentId) {
    const earlier = await tx.selectDistinct({ authorId: comments.authorId }).from(comments).where(eq(comments.threadId, comment.threadId));
    const ids = earlier.map((e) => e.authorId).filter((id) => !told.has(id) && !(opts.alreadyMentioned ?? []).includes(id));
    // People who left the working group hear nothing more from it.
    const stillMembers = ids.length
      ? await tx
          .select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, comment.workspaceId), inArray(memberships.userId, ids)))
      : [];
    for (const m of stillMembers) {
      told.add(m.userId);
      items.push({ userId: m.userId, workspaceId: comment.workspaceId, kind: 'reply', target: targetOf(comment) });
    }
  }
  return createNotifications(tx, items, live);
}

/**
 * A thread resolved by someone else: its author hears of it (their question was settled), while still in the group
 * and while their comment is there. Resolving one's own thread tells nobody.
 */
export async function notifyThreadResolved(tx: Executor, root: CommentRow, resolverId: string, live: LiveDelivery): Promise<NotificationRow[]> {
  if (root.authorId === resolverId || root.deletedAt) return [];
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, root.workspaceId), eq(memberships.userId, root.authorId)));
  if (!member) return [];
  return createNotifications(tx, [{ userId: root.authorId, workspaceId: root.workspaceId, kind: 'thread_resolved', target: { ...targetOf(root), actorId: resolverId } }], live);
}

/**
 * After a comment is edited or deleted: the people holding notifications about it hear `notification:updated`, so an
 * open inbox shows the new words (or that the comment was deleted) instead of what it quoted before.
 */
export async function tellNotificationHolders(tx: Executor, commentId: string, delivery: LiveDelivery): Promise<void> {
  // Only holders still in the group: someone removed since keeps the notification but hears nothing more of it.
  const held = await tx
    .select({ id: notifications.id, userId: notifications.userId, workspaceId: notifications.workspaceId })
    .from(notifications)
    .innerJoin(memberships, and(eq(memberships.userId, notifications.userId), eq(memberships.workspaceId, notifications.workspaceId)))
    .where(sql`${notifications.target}->>'commentId' = ${commentId}`);
  if (!held.length) return;
  delivery.afterCommit(() => {
    for (const n of held) delivery.services.events.toUser(n.userId, 'notification:updated', { workspaceId: n.workspaceId, ids: [n.id] });
  });
}
