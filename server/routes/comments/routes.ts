/** Anchored comments on a plan: create (observers too) and list with each anchor's current state. */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { comments } from '../../../db/schema.js';
import { anchoredText, quoteMatches } from '../../../shared/commentAnchors.js';
import { idSchema, isInvisibleOnly } from '../../../shared/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { newId } from '../../ids.js';
import { notifyForComment } from '../../notifications/commentNotifications.js';
import { resolveMentions } from '../../notifications/mentions.js';
import { canOnComment, type CommentRow } from '../../policies/commentPolicy.js';
import { requireDocument } from '../../policies/workspacePolicy.js';
import { anchorSchema, isDetached } from './anchors.js';
import type { CommentRateLimit } from './commentRateLimit.js';
import { withDocumentState } from './documentState.js';
import { presentComment, presentComments } from './present.js';
import { comment } from '../../http/responses/participation.js';
import { refreshCommentMentionNames } from '../../search/mentionNames.js';

/** Mentions a request may list besides those written in the body (the shape comments are returned in). */
export const listedMentionsSchema = z
  .object({ userIds: z.array(idSchema).max(50).default([]), organizationIds: z.array(idSchema).max(50).default([]) })
  .strict();

/** Plain text with a small Markdown subset, rendered safely by the client. */
export const commentBodySchema = z
  .string()
  .trim()
  .min(1, 'A comment needs some text')
  .refine((s) => s === '' || !isInvisibleOnly(s), { message: 'Write something visible: this has only spaces or invisible characters', params: { issue: 'invisible_only' } })
  .max(10000, 'A comment has at most 10,000 characters')
  .refine((s) => !s.includes('\u0000'), 'A comment cannot contain NUL characters');

const idParams = z.object({ id: idSchema });

/** Registers creating (and replying to) and listing the comments of a plan. */
export function registerCommentRoutes(route: RouteFn, limitComments: CommentRateLimit): void {
  route({
    method: 'POST',
    url: '/api/documents/:id/comments',
    summary: 'Comment on a plan, optionally anchored to text or an activity, or reply in a thread (observers may comment); mentions notify: @{userId}, @[label](userId), @userId or @ACRONYM in the body, or listed in `mentions`; posting faster than the per-person comment limit answers 429 with Retry-After',
    tags: ['comments'],
    response: z.strictObject({ comment }),
    refusals: [429],
    params: idParams,
    body: z.object({ body: commentBodySchema, parentId: idSchema.optional(), anchor: anchorSchema.optional(), mentions: listedMentionsSchema.optional() }).strict(),
    status: 201,
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const { document, access } = await requireDocument(tx, principal, params.id, 'comment');
      let parent: CommentRow | undefined;
      let root: CommentRow | undefined;
      if (body.parentId) {
        [parent] = await tx.select().from(comments).where(and(eq(comments.id, body.parentId), eq(comments.documentId, document.id)));
        if (!parent) throw notFound('Comment to reply to');
        if (body.anchor) throw new AppError('validation_failed', 'A reply joins its thread and carries no anchor', [{ path: 'anchor', message: 'Not allowed on a reply' }]);
        [root] = parent.threadId === parent.id ? [parent] : await tx.select().from(comments).where(eq(comments.id, parent.threadId));
      }
      // A text anchor's quote is shown as the words commented on: it must be those words, where this node's copy of
      // the plan has them (an anchor on text it has not received yet is taken, and shows as detached until it comes;
      // words edited on another node a moment ago are refused, and the web app asks again a second later).
      const anchor = body.anchor;
      if (anchor?.type === 'text') {
        const covered = await withDocumentState(ctx.services, tx, document.id, (doc) => anchoredText(anchor, doc));
        if (covered !== null && !quoteMatches(anchor.quote, covered)) {
          throw new AppError('validation_failed', 'The quote must be the words the anchor covers', [
            { path: 'anchor.quote', message: 'The anchor does not cover the quoted words', issue: 'quote_mismatch' },
          ]);
        }
      }
      // Counted once the comment could be stored (a refusal above costs nothing), and before anything is written:
      // over the limit, nothing is stored, notified or audited.
      limitComments(ctx);
      const { mentions, recipients } = await resolveMentions(tx, document.workspaceId, body.body, body.mentions);
      const id = newId('cmt');
      const [row] = await tx
        .insert(comments)
        .values({
          id,
          documentId: document.id,
          workspaceId: document.workspaceId,
          threadId: root?.id ?? id,
          parentId: parent?.id ?? null,
          authorId: principal.userId,
          organizationId: principal.organizationId,
          body: body.body,
          anchor: body.anchor ?? null,
          mentions,
        })
        .returning();
      if (mentions.userIds.length || mentions.organizationIds.length) await refreshCommentMentionNames(tx, id);
      // A reply in a resolved thread brings the conversation back: the thread reopens, if the replier may reopen it
      // (an observer's reply to someone else's resolved thread is stored in it, and the thread stays resolved).
      let reopened = false;
      if (root?.resolvedAt && canOnComment(access, 'resolve', root, root)) {
        [root] = await tx.update(comments).set({ resolvedAt: null, resolvedById: null }).where(eq(comments.id, root.id)).returning();
        reopened = true;
      }
      await notifyForComment(tx, row, recipients, ctx, { isNew: true });
      await ctx.audit({
        action: 'comment.created',
        workspaceId: document.workspaceId,
        target: { type: 'comment', id: row.id },
        changes: { documentId: document.id, threadId: row.threadId, parentId: row.parentId, anchorType: body.anchor?.type ?? null, mentions, reopenedThread: reopened },
      });
      const [comment, rootJson] = await withDocumentState(ctx.services, tx, document.id, (doc) => [
        presentComment(row, root ?? row, isDetached(row.anchor ?? null, doc)),
        root ? presentComment(root, root, isDetached(root.anchor ?? null, doc)) : undefined,
      ]);
      ctx.emit(document.workspaceId, 'comment:created', { documentId: document.id, comment });
      if (reopened && rootJson) ctx.emit(document.workspaceId, 'comment:resolved', { documentId: document.id, threadId: rootJson.id, resolved: false, comment: rootJson });
      return { comment };
    },
  });

  route({
    method: 'GET',
    url: '/api/documents/:id/comments',
    summary: 'The comments of a plan by thread status; each says whether its anchor is detached (its text or activity is gone)',
    tags: ['comments'],
    response: z.strictObject({ comments: z.array(comment) }),
    params: idParams,
    query: z.object({ status: z.enum(['open', 'resolved', 'all']).default('all') }),
    handler: async ({ tx, params, query, principal, services }) => {
      const { document } = await requireDocument(tx, principal, params.id);
      const rows = await tx.select().from(comments).where(eq(comments.documentId, document.id)).orderBy(asc(comments.createdAt), asc(comments.id));
      const roots = new Map(rows.filter((c) => c.id === c.threadId).map((c) => [c.id, c]));
      const wanted =
        query.status === 'all' ? rows : rows.filter((c) => (roots.get(c.threadId)?.resolvedAt ? 'resolved' : 'open') === query.status);
      const live = await services.hub.acquire(document.id);
      return { comments: presentComments(wanted, roots, live.doc) };
    },
  });
}

