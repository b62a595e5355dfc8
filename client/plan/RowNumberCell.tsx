/**
 * An activity row's number cell, with the row's comments: the count of open threads about the whole activity (pressed,
 * the margin opens one; the cell outlined, as a cell is for its own, while the margin has one open) and the row's
 * «Comentar» button. Only rows with an id get them: no comment can name the others.
 */
import { useTranslation } from 'react-i18next';
import { WHOLE_ACTIVITY } from '../components/comments/cellThreads.js';
import type { RowComments } from './ActivityCell.js';
import { CommentAddIcon } from './icons.js';
import { ThreadCountMarker } from './ThreadCountMarker.js';

interface Props {
  n: number;
  /** The activity's title (or the untitled stand-in), named by the count's label. */
  title: string;
  comments?: RowComments;
}

/** The cell: the number first, then the row's count and button under it, never over it. */
export function RowNumberCell({ n, title, comments }: Props) {
  const threadIds = comments?.threads?.[WHOLE_ACTIVITY];
  // The margin has a whole-activity thread open: outlined and marked as a cell is for its own (ActivityCell).
  const active = comments?.active === WHOLE_ACTIVITY;
  return (
    <td className={active ? 'num sticky-col cell-commented' : 'num sticky-col'} data-comment-active={active ? 'true' : undefined}>
      {n}
      {comments && (threadIds || comments.actions.start) && (
        <span className="row-comments">
          {threadIds && <RowThreadsMarker threadIds={threadIds} n={n} title={title} onOpen={(ids) => comments.actions.open(ids, comments.activityId)} />}
          <RowCommentButton comments={comments} n={n} />
        </span>
      )}
    </td>
  );
}

/** How many open threads the whole activity has; pressed, the margin opens the next of them. */
function RowThreadsMarker({ threadIds, n, title, onOpen }: { threadIds: readonly string[]; n: number; title: string; onOpen: (threadIds: readonly string[]) => void }) {
  const { t } = useTranslation();
  return (
    <ThreadCountMarker
      threadIds={threadIds}
      label={t('activities.rowThreads', { count: threadIds.length, n, title })}
      className="row-comment-marker"
      testId="row-comment-marker"
      onOpen={onOpen}
    />
  );
}

/**
 * The row's «Comentar» button: the way to comment a read-only row, or one cell of it, by keyboard (the composer then
 * asks which field), and the whole activity by touch. Shown once focused, like a skip link, where a pointer has each
 * cell's own button; always on a touch screen, which has neither keys nor hover (cellComments.css).
 */
function RowCommentButton({ comments, n }: { comments: RowComments; n: number }) {
  const start = comments.actions.start;
  if (!start) return null;
  return (
    <button type="button" className="row-comment" data-row-comment="" data-testid="row-comment" aria-label={comments.texts.commentRow(n)} onClick={() => start(comments.activityId)}>
      <CommentAddIcon />
    </button>
  );
}
