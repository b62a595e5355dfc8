/**
 * Who may do what with a comment. Reading and commenting follow the workspace policy (observers
 * comment too); a non-member learns nothing about a comment (404), a member lacking the right gets 403.
 */
import { eq } from 'drizzle-orm';
import type { InferSelectModel } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { comments } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { AppError, notFound } from '../http/errors.js';
import { can, findAccess, type WorkspaceAccess } from './workspacePolicy.js';

export type CommentRow = InferSelectModel<typeof comments>;
export type CommentAction = 'edit' | 'delete' | 'resolve';

/** Whether `access` may perform `action` on `comment` (whose thread root is `root`). */
export function canOnComment(access: WorkspaceAccess, action: CommentAction, comment: CommentRow, root: CommentRow): boolean {
  switch (action) {
    case 'edit':
      // Words are attributed to their author: nobody else may change them, facilitators included.
      return comment.authorId === access.userId;
    case 'delete':
      return comment.authorId === access.userId || access.role === 'facilitator';
    case 'resolve':
      // Members and facilitators close any thread; an observer only the thread they opened.
      return can(access, 'edit') || root.authorId === access.userId;
  }
}

/** Loads a comment and the caller's access to its workspace: 404 unless the caller is a member. */
export async function requireComment(db: Executor, principal: Principal, commentId: string): Promise<{ comment: CommentRow; access: WorkspaceAccess }> {
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId)).limit(1);
  if (!comment) throw notFound('Comment');
  const access = await findAccess(db, principal.userId, comment.workspaceId);
  if (!access) throw notFound('Comment');
  return { comment, access };
}

/** Throws 403 unless the action is allowed. */
export function authorizeComment(access: WorkspaceAccess, action: CommentAction, comment: CommentRow, root: CommentRow): void {
  if (canOnComment(access, action, comment, root)) return;
  const why: Record<CommentAction, string> = {
    edit: 'Only the author may edit a comment',
    delete: 'Only the author or a facilitator may delete a comment',
    resolve: 'Only members, facilitators and the thread’s author may resolve or reopen it',
  };
  throw new AppError('forbidden', why[action]);
}
