/** One thread in the margin: what it is anchored to, its comments, replies, and resolve/reopen. */
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { useReturnFocus } from '../../lib/useReturnFocus.js';
import { useSubmissionKey } from '../../lib/submissionKey.js';
import { createComment, deleteComment, editComment, setThreadResolved, type Comment } from './api.js';
import { CommentComposer, type MentionCandidates } from './CommentComposer.js';
import { activityLabel } from './activityLabel.js';
import { keepFocusNearThread } from './focusAfterDelete.js';
import { revealActivityRow } from './commentedActivity.js';
import { CommentBody } from './renderCommentBody.js';
import type { Thread } from './useComments.js';

export interface ThreadContext {
  documentId: string;
  meId: string;
  isFacilitator: boolean;
  /** Members and facilitators resolve any thread; others only their own. */
  canResolveAny: boolean;
  canComment: boolean;
  candidates: MentionCandidates;
  /** The group's organization acronyms, for mentions shown whole. */
  acronyms: readonly string[];
  userName: (userId: string) => string | undefined;
  orgLabel: (organizationId: string) => string;
  onChanged: () => void;
  /** A thread was resolved or reopened from its card (the margin says so when the card leaves its list). */
  onToggled: (threadId: string, resolved: boolean) => void;
  onError: (err: unknown) => void;
}

function CommentItem({ comment, ctx }: { comment: Comment; ctx: ThreadContext }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editButton = useReturnFocus<HTMLButtonElement>(editing);
  const mine = comment.authorId === ctx.meId;
  const author = ctx.userName(comment.authorId) ?? t('comments.unknownUser');
  if (comment.deleted) {
    return (
      <li className="comment comment-deleted" data-comment-id={comment.id}>
        <p className="muted small">{t('comments.deleted')}</p>
      </li>
    );
  }
  const remove = async (from: Element) => {
    // The confirmation goes away with the focus in it: the thread's card holds it meanwhile.
    const moveOn = keepFocusNearThread(from);
    setConfirming(false);
    try {
      await deleteComment(comment.id);
      ctx.onChanged();
      moveOn();
    } catch (err) {
      ctx.onError(err);
    }
  };
  return (
    <li className="comment" data-comment-id={comment.id}>
      <p className="comment-meta small">
        <strong>{author}</strong> <span className="muted">· {ctx.orgLabel(comment.organizationId)} · </span>
        <time dateTime={comment.createdAt} className="muted">
          {fmt.dateTime(comment.createdAt)}
        </time>
        {comment.editedAt && <span className="muted"> · {t('comments.edited')}</span>}
      </p>
      {editing ? (
        <CommentComposer
          {...ctx.candidates}
          label={t('comments.editLabel')}
          submitLabel={t('common.save')}
          initial={comment.body}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            await editComment(comment.id, body);
            setEditing(false);
            ctx.onChanged();
          }}
        />
      ) : (
        <CommentBody body={comment.body} userName={ctx.userName} unknownUser={t('comments.unknownUser')} acronyms={ctx.acronyms} />
      )}
      {!editing && (mine || ctx.isFacilitator) && !confirming && (
        <div className="comment-actions">
          {mine && (
            <button ref={editButton} type="button" className="btn btn-ghost btn-small" onClick={() => setEditing(true)}>
              {t('comments.edit')}
            </button>
          )}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(true)}>
            {t('comments.delete')}
          </button>
        </div>
      )}
      {/* Asked in place, like removing an activity or restoring a version (no browser dialog). */}
      {confirming && (
        <div className="notice notice-warning notice-compact comment-confirm" role="group" aria-label={t('comments.confirmDelete')}>
          <p className="notice-hint">{t('comments.confirmDelete')}</p>
          <div className="comment-actions">
            <button type="button" className="btn btn-danger btn-small" onClick={(e) => void remove(e.currentTarget)}>
              {t('comments.delete')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

interface ThreadProps {
  thread: Thread;
  ctx: ThreadContext;
  active: boolean;
  onActivate: (threadId: string) => void;
  /** The title of the activity the thread is about (activity anchors), as the live plan holds it. */
  activityTitle?: string;
  /** Whether the plan has loaded: before it, a missing title is not yet a removed activity. */
  planLoaded: boolean;
}

/**
 * A thread card; `active` when its highlight is the one being looked at. Memoized: the margin re-renders with the
 * plan, and hundreds of cards re-rendering per keystroke doubled typing latency.
 */
export const CommentThread = memo(function CommentThread({ thread, ctx, active, onActivate, activityTitle, planLoaded }: ThreadProps) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const replyButton = useReturnFocus<HTMLButtonElement>(replying);
  const submission = useSubmissionKey();
  const { root } = thread;
  const anchor = root.anchor;
  const canResolve = ctx.canResolveAny || root.authorId === ctx.meId;
  // The column a thread on an activity is about, when it names one the table shows (`id` has no column).
  const fieldName = anchor?.type === 'activity' && anchor.field ? t(`activities.fields.${anchor.field}`, { defaultValue: '' }) : '';
  const toggle = async () => {
    try {
      await setThreadResolved(root.id, !thread.resolved);
      ctx.onToggled(thread.id, !thread.resolved);
      ctx.onChanged();
    } catch (err) {
      ctx.onError(err);
    }
  };
  return (
    <article
      className={`comment-thread${active ? ' is-active' : ''}${thread.resolved ? ' is-resolved' : ''}`}
      data-thread-id={thread.id}
      aria-label={t('comments.threadLabel', { name: ctx.userName(root.authorId) ?? t('comments.unknownUser') })}
    >
      <button type="button" className="comment-anchor" onClick={() => onActivate(thread.id)} aria-pressed={active}>
        {anchor?.type === 'text' && <q>{anchor.quote}</q>}
        {anchor?.type === 'activity' && (
          <span>
            {activityLabel(t, activityTitle, planLoaded)}
            {fieldName && <span className="comment-anchor-field"> · {fieldName}</span>}
          </span>
        )}
        {!anchor && <span className="muted">{t('comments.general')}</span>}
        {root.detached && <span className="tag comment-detached">{t(anchor?.type === 'activity' ? 'comments.detachedActivity' : 'comments.detachedText')}</span>}
        {thread.resolved && <span className="tag">{t('comments.resolved')}</span>}
      </button>
      <ul className="comment-list">
        {[root, ...thread.replies].map((c) => (
          <CommentItem key={c.id} comment={c} ctx={ctx} />
        ))}
      </ul>
      <div className="comment-thread-actions">
        {anchor?.type === 'activity' && !root.detached && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            data-testid="comment-go-to-activity"
            onClick={() => {
              // Opened first, so the row is marked when the table comes into view.
              if (!active) onActivate(thread.id);
              requestAnimationFrame(() => revealActivityRow(anchor.activityId, anchor.field));
            }}
          >
            {t('comments.goToActivity')}
          </button>
        )}
        {ctx.canComment && !replying && (
          <button ref={replyButton} type="button" className="btn btn-ghost btn-small" onClick={() => setReplying(true)}>
            {t('comments.reply')}
          </button>
        )}
        {canResolve && (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void toggle()}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
      {replying && (
        <CommentComposer
          {...ctx.candidates}
          label={t('comments.replyLabel')}
          submitLabel={t('comments.send')}
          autoFocus
          onCancel={() => setReplying(false)}
          onSubmit={async (body) => {
            await createComment(ctx.documentId, { body, parentId: root.id }, submission.keyFor({ body, parentId: root.id }));
            submission.done();
            setReplying(false);
            ctx.onChanged();
          }}
        />
      )}
    </article>
  );
});
