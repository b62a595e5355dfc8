/**
 * The comment margin beside the plan editor: threads (open, resolved or all), a composer for the
 * selected text, an activity or the plan in general, highlights of text anchors in the editor, and
 * what changed since the reader's last visit.
 */
import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type * as Y from 'yjs';
import type { Member, Permissions } from '../../api/types.js';
import { useMe } from '../../session/SessionContext.js';
import { useOrganizations } from '../../session/OrganizationsContext.js';
import { useWorkspace } from '../../session/useWorkspace.js';
import type { WhenStored } from '../../plan/ownEditsStored.js';
import { useSubmissionKey } from '../../lib/submissionKey.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { ActivityTargetSelect } from './ActivityTargetSelect.js';
import { createComment, refusedForQuote, type CommentAnchor, type TextAnchor } from './api.js';
import { ACTIVATE_EVENT, anchorFromSelection, setHighlights, withCurrentQuote } from './commentHighlights.js';
import { CommentComposer } from './CommentComposer.js';
import { CommentThread, type ThreadContext } from './CommentThread.js';
import { focusLinkedThread } from './focusLinkedThread.js';
import { setCommentedActivity } from './commentedActivity.js';
import { SinceLastVisit } from './SinceLastVisit.js';
import { useActivityTitles } from './useActivityTitles.js';
import { useAnchorFollow } from './useAnchorFollow.js';
import { useComments } from './useComments.js';
import { useLiveDetached } from './useLiveDetached.js';
import { useVisit } from './useVisit.js';
import './comments.css';

interface Props {
  workspaceId: string;
  documentId: string;
  ydoc: Y.Doc;
  editor: Editor | null;
  permissions: Permissions;
  /** Whether the plan has synced with the server (before that, anchors are not judged on the local copy). */
  synced: boolean;
  /** Resolves once the server stored this tab's edits (see ownEditsStored). */
  whenStored: WhenStored;
}

const NO_MEMBERS: Member[] = [];
/** How long a comment refused for its quote waits before asking once more (see post). */
const QUOTE_RETRY_MS = 1000;

type Filter = 'open' | 'resolved' | 'all';

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

/** The margin. */
export function CommentMargin({ workspaceId, documentId, ydoc, editor, permissions, synced, whenStored }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  // Members for names and mentions; the page's copy is not passed down, so ask (it is small).
  const members = useWorkspace(workspaceId).data?.members ?? NO_MEMBERS;
  const orgs = useOrganizations();
  const fetched = useComments(workspaceId, documentId);
  const { loading, error, reload } = fetched;
  const changes = useVisit(documentId);
  const titles = useActivityTitles(ydoc);
  // Detached or not as the live plan stands now, not as it stood when the comments were fetched.
  const activityIds = useMemo(() => new Set(titles.keys()), [titles]);
  const liveDetached = useLiveDetached(ydoc, fetched.threads, synced, activityIds);
  const threads = useMemo(
    () =>
      fetched.threads.map((th) => {
        const now = liveDetached.get(th.id);
        return now === undefined || now === th.root.detached ? th : { ...th, root: { ...th.root, detached: now } };
      }),
    [fetched.threads, liveDetached],
  );
  const hasSelection = useHasSelection(editor);
  const canCommentSelection = hasSelection && !!editor;
  const selectionHintId = useId();
  const [filter, setFilter] = useState<Filter>('open');
  const submission = useSubmissionKey();
  const [active, setActive] = useState<string | null>(null);
  const [draftAnchor, setDraftAnchor] = useState<TextAnchor | null>(null);
  const newCommentRef = useRef<HTMLElement>(null);
  const [activityId, setActivityId] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);

  const candidates = useMemo(() => {
    const orgIds = [...new Set(members.map((m) => m.organizationId))];
    return {
      members: members.filter((m) => m.userId !== me.user.id),
      organizations: orgIds.map((id) => orgs.byId.get(id)).filter((o): o is NonNullable<typeof o> => !!o && !!o.acronym),
    };
  }, [members, me.user.id, orgs.byId]);
  const names = useMemo(() => new Map(members.map((m) => [m.userId, m.name])), [members]);

  // One object while its inputs stand, so the memoized threads do not re-render for it.
  const ctx: ThreadContext = useMemo(
    () => ({
      documentId,
      meId: me.user.id,
      isFacilitator: permissions.role === 'facilitator',
      canResolveAny: permissions.canEdit,
      canComment: permissions.canComment,
      candidates,
      acronyms: candidates.organizations.map((o) => o.acronym),
      userName: (id) => (id === me.user.id ? me.user.name : names.get(id)),
      orgLabel: (id) => orgs.label(id),
      onChanged: reload,
      onError: setActionError,
    }),
    [documentId, me.user.id, me.user.name, permissions.role, permissions.canEdit, permissions.canComment, candidates, names, orgs, reload],
  );

  // Highlights: every open thread anchored to text, plus the active one even when resolved; the other resolved ones
  // are followed through edits without being drawn, so an edit that re-creates their paragraph re-anchors them too.
  // Redrawn only when the threads or the active one change (`threads` keeps its identity while typing), so never per
  // keystroke; drawn at once, because activating a thread scrolls to its highlight in the next frame.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const anchors = threads
      .filter((th) => th.root.anchor?.type === 'text' && !th.root.detached)
      .map((th) => {
        const a = th.root.anchor as TextAnchor;
        return { threadId: th.id, start: a.start, end: a.end, quote: a.quote, hidden: th.resolved && th.id !== active };
      });
    setHighlights(editor, anchors, active);
  }, [editor, threads, active]);

  useEffect(() => {
    if (!editor) return;
    const dom = editor.view.dom;
    const onActivate = (e: Event) => {
      const threadId = (e as CustomEvent<string>).detail;
      setActive(threadId);
      const open = threads.find((th) => th.id === threadId);
      if (open?.resolved && filter === 'open') setFilter('all');
      requestAnimationFrame(() => document.querySelector(`.comment-margin [data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' }));
    };
    dom.addEventListener(ACTIVATE_EVENT, onActivate);
    return () => dom.removeEventListener(ACTIVATE_EVENT, onActivate);
  }, [editor, threads, filter]);

  // This person's edit moved a thread's words (a split, joined or re-styled paragraph): the thread follows them.
  useAnchorFollow({ editor, canEdit: permissions.canEdit, whenStored, onMoved: reload });

  // `?thread=` (from a notification): open that thread once it is loaded, resolved ones too, and bring it into view.
  const [params] = useSearchParams();
  const linkedThread = params.get('thread');
  const shownLink = useRef<string | null>(null);
  useEffect(() => {
    if (!linkedThread || shownLink.current === linkedThread) return;
    const target = threads.find((th) => th.id === linkedThread);
    if (!target) return;
    shownLink.current = linkedThread;
    setActive(linkedThread);
    if (target.resolved) setFilter('all');
    requestAnimationFrame(() => {
      document.querySelector(`.comment-margin [data-thread-id="${CSS.escape(linkedThread)}"]`)?.scrollIntoView({ block: 'center' });
      editor?.view.dom.querySelector(`.comment-highlight[data-thread-id="${CSS.escape(linkedThread)}"]`)?.scrollIntoView({ block: 'center' });
    });
    // In view is not enough: the focus stayed on <main>, so a keyboard user had to find the thread again.
    focusLinkedThread(linkedThread);
  }, [linkedThread, threads, editor]);

  // The open thread's activity is marked in the table, as a text thread's words are highlighted in the editor.
  const activeActivity = useMemo(() => {
    const anchor = threads.find((th) => th.id === active)?.root.anchor;
    return anchor?.type === 'activity' ? anchor.activityId : null;
  }, [threads, active]);
  useEffect(() => {
    setCommentedActivity(documentId, activeActivity);
  }, [documentId, activeActivity]);
  useEffect(() => () => setCommentedActivity(documentId, null), [documentId]);

  const activate = useCallback(
    (threadId: string) => {
      setActive((cur) => (cur === threadId ? null : threadId));
      requestAnimationFrame(() => editor?.view.dom.querySelector(`.comment-highlight[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'center' }));
    },
    [editor],
  );

  const shown = useMemo(() => threads.filter((th) => filter === 'all' || (filter === 'resolved') === th.resolved), [threads, filter]);
  const openCount = useMemo(() => threads.filter((th) => !th.resolved).length, [threads]);
  const fresh = useMemo(() => new Set(changes?.newComments ?? []), [changes]);

  const post = async (body: string) => {
    const anchorNow = (): CommentAnchor | undefined =>
      draftAnchor ? (editor && !editor.isDestroyed ? withCurrentQuote(editor.state, draftAnchor) : draftAnchor) : activityId ? { type: 'activity', activityId } : undefined;
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
    setActive(created.threadId);
    reload();
  };

  return (
    <aside className="comment-margin" aria-label={t('comments.title')} data-testid="comment-margin">
      <div className="comment-margin-head">
        <h2>
          {t('comments.title')} <span className="muted small">({openCount})</span>
        </h2>
        <label className="small">
          <span className="visually-hidden">{t('comments.filter')}</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="open">{t('comments.filterOpen')}</option>
            <option value="resolved">{t('comments.filterResolved')}</option>
            <option value="all">{t('comments.filterAll')}</option>
          </select>
        </label>
      </div>
      {changes && <SinceLastVisit changes={changes} />}
      {permissions.canComment && (
        <section className="comment-new" aria-label={t('comments.new')} ref={newCommentRef}>
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
              <ActivityTargetSelect titles={titles} value={activityId} onChange={setActivityId} />
            </div>
          )}
          <CommentComposer {...candidates} label={t('comments.newLabel')} submitLabel={t('comments.send')} onSubmit={post} />
        </section>
      )}
      {actionError !== null && <ErrorNotice error={actionError} compact onRetry={() => setActionError(null)} />}
      {error !== null && <ErrorNotice error={error} compact onRetry={reload} />}
      {loading && !threads.length ? (
        <p className="muted small">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="muted small">{t(filter === 'resolved' ? 'comments.noneResolved' : 'comments.none')}</p>
      ) : (
        <div className="comment-threads">
          {shown.map((th) => {
            // New since the reader's last visit: said in words too, not only by the coloured edge.
            const isNew = fresh.has(th.id) || th.replies.some((r) => fresh.has(r.id));
            return (
              <div key={th.id} className={isNew ? 'comment-thread-new' : undefined}>
                {isNew && <p className="comment-new-tag small">{t('comments.newSinceVisit')}</p>}
                <CommentThread
                  thread={th}
                  ctx={ctx}
                  active={active === th.id}
                  onActivate={activate}
                  activityTitle={th.root.anchor?.type === 'activity' ? titles.get(th.root.anchor.activityId) : undefined}
                />
              </div>
            );
          })}
        </div>
      )}
    </aside>
  );
}
