/**
 * A cell of an activity row with its comments: the count of its open threads (pressed, the margin opens one), and,
 * while the pointer is over it or the focus in it, a button to comment on it. Only that cell re-renders for either.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RowThreads } from '../components/comments/cellThreads.js';
import type { ActivityRowTexts } from './activityRowTexts.js';
import type { CellCommentActions } from './cellComments.js';
import { CommentAddIcon } from './icons.js';
import { ThreadCountMarker } from './ThreadCountMarker.js';

/** What a row's cells need about comments (absent: a row without an id, which no comment can name). */
export interface RowComments {
  activityId: string;
  actions: CellCommentActions;
  /** The row's open threads by field (the whole activity's under WHOLE_ACTIVITY, for the number cell). */
  threads?: RowThreads;
  /** The field whose thread the margin has open (WHOLE_ACTIVITY: one about the whole activity, for the number cell). */
  active?: string;
  texts: ActivityRowTexts;
}

interface Props {
  field: string;
  /** The cell's name for assistive technology ("Fecha de término, actividad 3"). */
  label: string;
  comments?: RowComments;
  /** A read-only row's title is its header cell. */
  header?: boolean;
  /** A read-only cell takes the focus back from the composer (not by Tab: it has no control of its own). */
  readOnly?: boolean;
  className?: string;
  /** Fields of the row others changed since the reader's last visit: this cell is marked if its field is one. */
  changedFields?: readonly string[];
  /** What a screen reader hears in a marked cell. */
  changedNote?: string;
  children: ReactNode;
}

/** The cell (`data-cell` names its field for the shortcut and the focus coming back). */
export function ActivityCell({ field, label, comments, header, readOnly, className, changedFields, changedNote, children }: Props) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const start = comments?.actions.start;
  const threadIds = comments?.threads?.[field];
  const active = comments?.active === field;
  const Tag = header ? 'th' : 'td';
  const near = !!start && (hovered || focused);
  const changed = !!changedFields?.includes(field);
  return (
    <Tag
      scope={header ? 'row' : undefined}
      className={[className, threadIds && 'cell-has-threads', near && 'cell-comment-near', active && 'cell-commented', changed && 'cell-changed'].filter(Boolean).join(' ') || undefined}
      data-cell={field}
      data-comment-active={active ? 'true' : undefined}
      data-changed-since-visit={changed ? 'true' : undefined}
      tabIndex={readOnly && start ? -1 : undefined}
      onPointerEnter={start ? () => setHovered(true) : undefined}
      onPointerLeave={start ? () => setHovered(false) : undefined}
      onFocus={start ? () => setFocused(true) : undefined}
      onBlur={start ? (e) => setFocused(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) : undefined}
    >
      {children}
      {changed && <span className="visually-hidden">{changedNote}</span>}
      {comments && (near || threadIds) && (
        <span className="cell-comments">
          {near && start && (
            // Not a Tab stop (a row has some twenty already): keyboard users have the shortcut (Ctrl+Alt+M, ⌘⌥M on a Mac) and the row's button.
            <button
              type="button"
              tabIndex={-1}
              className="cell-comment-add"
              data-testid="cell-comment-add"
              aria-label={`${comments.texts.commentCell}: ${label}`}
              title={comments.texts.commentCellHint}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => start(comments.activityId, field)}
            >
              <CommentAddIcon />
            </button>
          )}
          {threadIds && <CellThreadsMarker threadIds={threadIds} label={label} onOpen={(ids) => comments.actions.open(ids, comments.activityId, field)} />}
        </span>
      )}
    </Tag>
  );
}

/** How many open threads the cell has; pressed, the margin opens the next of them. */
function CellThreadsMarker({ threadIds, label, onOpen }: { threadIds: readonly string[]; label: string; onOpen: (threadIds: readonly string[]) => void }) {
  const { t } = useTranslation();
  return (
    <ThreadCountMarker
      threadIds={threadIds}
      label={t('activities.cellThreads', { count: threadIds.length, cell: label })}
      className="cell-comment-marker"
      testId="cell-comment-marker"
      onOpen={onOpen}
    />
  );
}
