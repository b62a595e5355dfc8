/**
 * A new thread in the comment margin: on the selected words, on an activity or one of its cells, or on the plan in
 * general. Its draft lives in the margin (useCommentDraft), the section that edits it only where the reader may
 * comment; the activities table starts one on a cell or a row through cellCommentStarts.
 */
import type { Editor } from '@tiptap/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmissionKey } from '../../lib/submissionKey.js';
import { ActivityFieldSelect, DraftActivityAbout } from './ActivityFieldSelect.js';
import { ActivityTargetSelect } from './ActivityTargetSelect.js';
import { cellCommentStarts } from './cellCommentRequests.js';
import { createComment, refusedForQuote, type CommentAnchor, type TextAnchor } from './api.js';
import { anchorFromSelection, withCurrentQuote } from './commentHighlights.js';
import { CommentComposer, type MentionCandidates } from './CommentComposer.js';

/** How long a comment refused for its quote waits before asking once more (see post). */
const QUOTE_RETRY_MS = 1000;

/** Whether the editor has a non-empty selection (re-renders as it changes). */
function useHasSelection(editor: Editor | null): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!editor) return;
    const update = () => setHas(!editor.state.selection.empty);
    editor.on('selectionUpdate', update);
    update();
    return () => {
      editor.off('selectionUpdate', update);
    };
  }, [editor]);
  return has;
}

/** The new thread's draft: the words, activity or cell it is on, and `post`, which creates it and hands `onCreated` its thread id. */
export function useCommentDraft(documentId: string, editor: Editor | null, onCreated: (threadId: string) => void) {
  const submission = useSubmissionKey();
  const [draftAnchor, setDraftAnchor] = useState<TextAnchor | null>(null);
  const [activityId, setActivityId] = useState('');
  /** The activity's field when the comment is about one cell ('' : the whole activity). */
  const [field, setField] = useState('');

  const post = async (body: string) => {
    const anchorNow = (): CommentAnchor | undefined =>
      draftAnchor
        ? editor && !editor.isDestroyed
          ? withCurrentQuote(editor.state, draftAnchor)
          : draftAnchor
        : activityId
          ? { type: 'activity', activityId, ...(field ? { field } : {}) }
          : undefined;
    const anchor = anchorNow();
    const key = submission.keyFor({ documentId, body, anchor: draftAnchor ?? anchor });
    // The quote is the selected words as they stand now (someone may have edited them meanwhile); words just typed
    // may not have reached the server's copy yet (another node's, say): once more, a second later.
    const created = await createComment(documentId, { body, anchor }, key).catch(async (err: unknown) => {
      if (!refusedForQuote(err)) throw err;
      await new Promise((r) => setTimeout(r, QUOTE_RETRY_MS));
      return createComment(documentId, { body, anchor: anchorNow() }, key);
    });
    submission.done();
    setDraftAnchor(null);
    setActivityId('');
    setField('');
    onCreated(created.threadId);
  };

  return { draftAnchor, setDraftAnchor, activityId, setActivityId, field, setField, post };
}

export type CommentDraft = ReturnType<typeof useCommentDraft>;

interface Props {
  documentId: string;
  draft: CommentDraft;
  editor: Editor | null;
  /** Activity id → title, as the live plan holds them. */
  titles: ReadonlyMap<string, string>;
  candidates: MentionCandidates;
}

/** The margin's "new comment" section: what the comment is on (the selection, an activity, or the plan) and its composer. */
export function NewCommentSection({ documentId, draft, editor, titles, candidates }: Props) {
  const { t } = useTranslation();
  const { draftAnchor, setDraftAnchor, activityId, setActivityId, field, setField, post } = draft;
  const hasSelection = useHasSelection(editor);
  const canCommentSelection = hasSelection && !!editor;
  const selectionHintId = useId();
  const aboutId = useId();
  const newCommentRef = useRef<HTMLElement>(null);
  const fieldSelect = useRef<HTMLSelectElement>(null);
  /** Where Escape goes back to, while the focus stays in here after the table sent it (see cellCommentStarts). */
  const returnFocus = useRef<(() => void) | null>(null);

  // Started from the table: on that cell, the box focused; on a row, its field asked first.
  useEffect(
    () =>
      cellCommentStarts.listen(documentId, (start) => {
        setDraftAnchor(null);
        setActivityId(start.activityId);
        setField(start.field ?? '');
        returnFocus.current = start.returnFocus;
        requestAnimationFrame(() => (start.field ? newCommentRef.current?.querySelector('textarea') : fieldSelect.current)?.focus());
      }),
    [documentId, setDraftAnchor, setActivityId, setField],
  );

  return (
    <section
      className="comment-new"
      aria-label={t('comments.new')}
      ref={newCommentRef}
      onKeyDown={(e) => {
        // Not taken by the box itself (its mention list closes first): back to the cell the comment started from.
        if (e.key !== 'Escape' || e.defaultPrevented || !returnFocus.current) return;
        e.preventDefault();
        returnFocus.current();
      }}
      onBlur={(e) => {
        // Once the person moves on, Escape here is no way back to a cell they left long ago.
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) returnFocus.current = null;
      }}
    >
      {draftAnchor ? (
        <p className="comment-draft-anchor small">
          {t('comments.onSelection')} <q>{draftAnchor.quote}</q>{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setDraftAnchor(null)}>
            {t('comments.clearAnchor')}
          </button>
        </p>
      ) : (
        <div className="comment-new-target">
          {/* aria-disabled, not disabled: a keyboard or screen reader user can still reach the button and hear
              what it needs first, which the hint beside it says. */}
          <button
            type="button"
            className="btn btn-secondary btn-small"
            aria-disabled={!canCommentSelection}
            aria-describedby={canCommentSelection ? undefined : selectionHintId}
            // Keep the editor's selection: pressing the button must not move focus before we read it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (!editor || !canCommentSelection) return;
              setDraftAnchor(anchorFromSelection(editor));
              returnFocus.current = null;
              // On to the comment box: a keyboard user would otherwise have to find it from the editor.
              requestAnimationFrame(() => newCommentRef.current?.querySelector('textarea')?.focus());
            }}
          >
            {t('comments.commentSelection')}
          </button>
          {!canCommentSelection && (
            <p id={selectionHintId} className="small muted comment-selection-hint">
              {t('comments.selectToComment')}
            </p>
          )}
          <ActivityTargetSelect
            titles={titles}
            value={activityId}
            onChange={(id) => {
              setActivityId(id);
              // Another activity keeps the field chosen (the same column, a row off); the plan in general has none.
              if (!id) setField('');
            }}
          />
          {activityId && <ActivityFieldSelect ref={fieldSelect} value={field} onChange={setField} />}
        </div>
      )}
      {!draftAnchor && activityId && (
        <DraftActivityAbout
          id={aboutId}
          title={titles.get(activityId)}
          field={field}
          onClear={() => {
            setActivityId('');
            setField('');
            returnFocus.current = null;
          }}
        />
      )}
      <CommentComposer
        {...candidates}
        label={t('comments.newLabel')}
        submitLabel={t('comments.send')}
        describedBy={!draftAnchor && activityId ? aboutId : undefined}
        onSubmit={post}
      />
    </section>
  );
}
