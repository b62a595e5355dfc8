/** Changing comments: edit (author), soft delete (author or facilitator), resolve and reopen a thread. */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../db/client.js';
import { comments } from '../../../db/schema.js';
import { idSchema } from '../../../shared/schemas.js';
import { conflict } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { notifyForComment, notifyThreadResolved, tellNotificationHolders } from '../../notifications/commentNotifications.js';
import { resolveMentions, type Mentions } from '../../notifications/mentions.js';
import { authorizeComment, requireComment, type CommentRow } from '../../policies/commentPolicy.js';
import type { AppServices } from '../../services.js';
import { isDetached } from './anchors.js';
import { withDocumentState } from './documentState.js';
import { presentComment } from './present.js';
import type { CommentRateLimit } from './commentRateLimit.js';
import { commentBodySchema, listedMentionsSchema } from './routes.js';
import { comment } from '../../http/responses/participation.js';
import { refreshCommentMentionNames } from '../../search/mentionNames.js';

const idParams = z.object({ id: idSchema });

async function rootOf(tx: Executor, c: CommentRow): Promise<CommentRow> {
  if (c.threadId === c.id) return c;
  const [root] = await tx.select().from(comments).where(eq(comments.id, c.threadId));
  return root ?? c;
}

/**
 * The comment read again under a row lock: an edit, a delete and a resolve of one comment sent together apply one
 * after the other, each on the other's result (unlocked, an edit could write its words back into a comment just
 * deleted, and two resolves both recorded one).
 */
async function locked(tx: Executor, id: string, fallback: CommentRow): Promise<CommentRow> {
  const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for('update');
  return row ?? fallback;
}

function present(services: AppServices, tx: Executor, c: CommentRow, root: CommentRow) {
  return withDocumentState(services, tx, c.documentId, (doc) => presentComment(c, root, isDetached(c.anchor ?? null, doc)));
}

/** The mentions in `all` that the comment's text did not produce (`fromText`): those listed in the request. */
function listedOnly(all: Mentions, fromText: Mentions): Mentions {
  return {
    userIds: all.userIds.filter((id) => !fromText.userIds.includes(id)),
    organizationIds: all.organizationIds.filter((id) => !fromText.organizationIds.includes(id)),
  };
}

/** Whether two sets of mentions name the same people and organizations (the order they were resolved in aside). */
function sameMentions(a: Mentions, b: Mentions): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && new Set([...x, ...y]).size === new Set(x).size;
  return same(a.userIds, b.userIds) && same(a.organizationIds, b.organizationIds);
}

/** Registers editing, deleting, resolving and reopening comments; edits count against the comment limit. */
export function registerCommentThreadRoutes(route: RouteFn, limitComments: CommentRateLimit): void {
  route({
    method: 'PATCH',
    url: '/api/comments/:id',
    summary: 'Edit a comment (its author only); newly mentioned people are notified; edits count against the per-person comment limit (429 with Retry-After); the same words and mentions again are answered without being recorded or announced',
    tags: ['comments'],
    response: z.strictObject({ comment }),
    refusals: [403, 409, 429],
    params: idParams,
    body: z.object({ body: commentBodySchema, mentions: listedMentionsSchema.optional() }).strict(),
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const found = await requireComment(tx, principal, params.id);
      const { access } = found;
      const comment = await locked(tx, params.id, found.comment);
      const root = await rootOf(tx, comment);
      authorizeComment(access, 'edit', comment, root);
      if (comment.deletedAt) throw conflict('This comment was deleted', 'comment_deleted');
      // Counted once the edit could be stored, before anything is written (as for new comments).
      limitComments(ctx);
      const before = await resolveMentions(tx, comment.workspaceId, comment.body, comment.mentions);
      // Mentions listed (not written in the text) at creation stay unless the edit lists its own: an edit of the
      // words alone must not drop them. Those the old text produced follow the new text.
      const listed = body.mentions ?? listedOnly(comment.mentions, (await resolveMentions(tx, comment.workspaceId, comment.body)).mentions);
      const { mentions, recipients } = await resolveMentions(tx, comment.workspaceId, body.body, listed);
      // The same words and mentions again change nothing: answered, not recorded (or announced) again, and editedAt
      // stays (it would mark the comment "edited" for nothing). The attempt still counted against the limit above.
      if (body.body === comment.body && sameMentions(mentions, comment.mentions)) {
        return { comment: await present(ctx.services, tx, comment, comment.id === root.id ? comment : root) };
      }
      const [row] = await tx.update(comments).set({ body: body.body, mentions, editedAt: new Date() }).where(eq(comments.id, comment.id)).returning();
      await refreshCommentMentionNames(tx, row.id);
      await tellNotificationHolders(tx, row.id, ctx);
      await notifyForComment(tx, row, recipients, ctx, { isNew: false, alreadyMentioned: before.recipients });
      await ctx.audit({
        action: 'comment.edited',
        workspaceId: row.workspaceId,
        target: { type: 'comment', id: row.id },
        changes: { documentId: row.documentId, length: { from: comment.body.length, to: row.body.length }, mentions: { from: comment.mentions, to: mentions } },
      });
      const presented = await present(ctx.services, tx, row, row.id === root.id ? row : root);
      ctx.emit(row.workspaceId, 'comment:updated', { documentId: row.documentId, comment: presented });
      return { comment: presented };
    },
  });

  route({
    method: 'DELETE',
    url: '/api/comments/:id',
    summary: 'Delete a comment (author or facilitator); the thread keeps a "deleted" marker',
    tags: ['comments'],
    refusals: [403],
    params: idParams,
    status: 204,
    handler: async (ctx) => {
      const { tx, params, principal } = ctx;
      const found = await requireComment(tx, principal, params.id);
      const { access } = found;
      const comment = await locked(tx, params.id, found.comment);
      const root = await rootOf(tx, comment);
      authorizeComment(access, 'delete', comment, root);
      if (comment.deletedAt) return undefined; // already a marker: nothing to change
      // The words go (body and mentions emptied); the row stays so replies keep their place.
      const [row] = await tx
        .update(comments)
        .set({ body: '', mentions: { userIds: [], organizationIds: [] }, deletedAt: new Date() })
        .where(eq(comments.id, comment.id))
        .returning();
      await ctx.audit({
        action: 'comment.deleted',
        workspaceId: row.workspaceId,
        target: { type: 'comment', id: row.id },
        changes: { documentId: row.documentId, threadId: row.threadId, authorId: row.authorId, byAuthor: row.authorId === principal.userId },
      });
      const presented = await present(ctx.services, tx, row, row.id === root.id ? row : root);
      ctx.emit(row.workspaceId, 'comment:updated', { documentId: row.documentId, comment: presented });
      await tellNotificationHolders(tx, row.id, ctx);
      return undefined;
    },
  });

  for (const resolve of [true, false]) {
    route({
      method: 'POST',
      url: `/api/comments/:id/${resolve ? 'resolve' : 'reopen'}`,
      summary: resolve
        ? 'Resolve the thread of a comment (members, facilitators, and the thread’s author)'
        : 'Reopen the thread of a comment (members, facilitators, and the thread’s author)',
      tags: ['comments'],
      response: z.strictObject({ comment }),
      refusals: [403],
      params: idParams,
      handler: async (ctx) => {
        const { tx, params, principal } = ctx;
        const { comment, access } = await requireComment(tx, principal, params.id);
        const root = await locked(tx, comment.threadId, comment);
        authorizeComment(access, 'resolve', comment, root);
        // Already in the asked state: nothing is written, the answer is the same.
        if (Boolean(root.resolvedAt) === resolve) return { comment: await present(ctx.services, tx, root, root) };
        const [row] = await tx
          .update(comments)
          .set(resolve ? { resolvedAt: new Date(), resolvedById: principal.userId } : { resolvedAt: null, resolvedById: null })
          .where(eq(comments.id, root.id))
          .returning();
        await ctx.audit({
          action: resolve ? 'comment.resolved' : 'comment.reopened',
          workspaceId: row.workspaceId,
          target: { type: 'comment', id: row.id },
          changes: { documentId: row.documentId, threadId: row.id },
        });
        if (resolve) await notifyThreadResolved(tx, row, principal.userId, ctx);
        const presented = await present(ctx.services, tx, row, row);
        ctx.emit(row.workspaceId, 'comment:resolved', { documentId: row.documentId, threadId: row.id, resolved: resolve, comment: presented });
        return { comment: presented };
      },
    });
  }
}
