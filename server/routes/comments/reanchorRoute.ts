/**
 * Re-anchoring a comment on the same words after an edit moved them. The editor's Yjs binding re-creates the text
 * of a paragraph that is split (Enter), joined (Backspace) or turned into a heading, so the anchor's relative
 * positions collapse although the words are still there. The client that made the edit still knows where they went
 * (ProseMirror maps its highlight through the edit) and puts the anchor back on them; the server checks that the new
 * anchor covers exactly the words the comment was made on, so no comment can be moved to other words.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { comments } from '../../../db/schema.js';
import { anchoredText, quoteMatches, sameQuote } from '../../../shared/commentAnchors.js';
import { idSchema } from '../../../shared/schemas.js';
import { AppError, conflict, forbidden } from '../../http/errors.js';
import type { RouteFn } from '../../http/pipeline.js';
import { comment } from '../../http/responses/participation.js';
import { requireComment } from '../../policies/commentPolicy.js';
import { textAnchorSchema } from './anchors.js';
import { withDocumentState } from './documentState.js';
import { presentComment } from './present.js';

/** Registers PUT /api/comments/:id/anchor. */
export function registerReanchorRoute(route: RouteFn): void {
  route({
    method: 'PUT',
    url: '/api/comments/:id/anchor',
    summary: 'Put a text comment back on its words after an edit moved them (members and facilitators, who edit the plan); the new anchor must cover exactly the words quoted; the same anchor again is answered without being recorded or announced',
    tags: ['comments'],
    response: z.strictObject({ comment }),
    refusals: [403, 409],
    params: z.object({ id: idSchema }),
    body: z.object({ anchor: textAnchorSchema }).strict(),
    handler: async (ctx) => {
      const { tx, params, body, principal } = ctx;
      const { comment: found, access } = await requireComment(tx, principal, params.id);
      if (access.role === 'observer') throw forbidden('Observers do not edit the plan, so they never move a comment');
      const [row] = await tx.select().from(comments).where(eq(comments.id, found.id)).for('update');
      if (row.deletedAt) throw conflict('This comment was deleted', 'comment_deleted');
      const stored = row.anchor as { type?: unknown; quote?: unknown; start?: unknown; end?: unknown } | null;
      if (row.threadId !== row.id || stored?.type !== 'text' || typeof stored.quote !== 'string') {
        throw new AppError('validation_failed', 'Only a thread anchored to text can be re-anchored', [{ path: 'anchor', message: 'This comment has no text anchor', issue: 'not_text_anchored' }]);
      }
      const quote = stored.quote;
      const covered = await withDocumentState(ctx.services, tx, row.documentId, (doc) => anchoredText(body.anchor, doc));
      if (covered === null || !quoteMatches(quote, covered) || !sameQuote(body.anchor.quote, quote)) {
        throw new AppError('validation_failed', 'The new anchor must cover exactly the words the comment was made on', [
          { path: 'anchor', message: 'The anchor does not cover the quoted words', issue: 'quote_mismatch' },
        ]);
      }
      // Already on exactly these positions (a retry, two tabs putting it back at once): nothing changes, so it is
      // answered, not recorded (or announced) again. The row is locked above, so the second of two such puts sees this.
      if (stored.start === body.anchor.start && stored.end === body.anchor.end) return { comment: presentComment(row, row, false) };
      const [updated] = await tx.update(comments).set({ anchor: { ...body.anchor, quote } }).where(eq(comments.id, row.id)).returning();
      await ctx.audit({ action: 'comment.reanchored', workspaceId: updated.workspaceId, target: { type: 'comment', id: updated.id }, changes: { documentId: updated.documentId } });
      const presented = presentComment(updated, updated, false);
      ctx.emit(updated.workspaceId, 'comment:updated', { documentId: updated.documentId, comment: presented });
      return { comment: presented };
    },
  });
}
