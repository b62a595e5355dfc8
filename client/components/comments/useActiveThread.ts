/**
 * Which thread of the comment margin is open, kept in step with the editor and the page: the text threads'
 * highlights (the open one drawn even when resolved), a highlight activated in the editor, `?thread=` from a
 * notification, and the open activity thread's row marked in the table.
 */
import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TextAnchor } from './api.js';
import { ACTIVATE_EVENT, setHighlights } from './commentHighlights.js';
import { setCommentedActivity } from './commentedActivity.js';
import { focusLinkedThread, revealLinkedWords } from './focusLinkedThread.js';
import type { Thread } from './useComments.js';

/** Which threads the margin lists. */
export type ThreadFilter = 'open' | 'resolved' | 'all';

interface Options {
  editor: Editor | null;
  documentId: string;
  threads: Thread[];
  /** The margin's filter: a resolved thread opened from the editor or a link is listed by switching it to 'all'. */
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
}

/** The open thread (null: none), its setter, and `activate` (a thread's card pressed: open or close it, and show its words). */
export function useActiveThread({ editor, documentId, threads, filter, setFilter }: Options) {
  const [active, setActive] = useState<string | null>(null);

  // Highlights: every open thread anchored to text, plus the active one even when resolved; the other resolved ones
  // are followed through edits without being drawn, so an edit that re-creates their paragraph re-anchors them too.
  // Redrawn only when the threads or the active one change (`threads` keeps its identity while typing), so never per
  // keystroke; drawn at once, because activating a thread scrolls to its highlight in the next frame.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    // Detached ones too: they draw nothing, but a highlight this page still has on their words (its own edit moved
    // them, and the new anchor is not stored yet) stays and is re-anchored.
    const anchors = threads
      .filter((th) => th.root.anchor?.type === 'text')
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
  }, [editor, threads, filter, setFilter]);

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
    requestAnimationFrame(() => document.querySelector(`.comment-margin [data-thread-id="${CSS.escape(linkedThread)}"]`)?.scrollIntoView({ block: 'center' }));
    if (target.root.anchor?.type === 'text') revealLinkedWords(linkedThread);
    // In view is not enough: the focus stayed on <main>, so a keyboard user had to find the thread again.
    focusLinkedThread(linkedThread);
  }, [linkedThread, threads, editor, setFilter]);

  // The open thread's activity is marked in the table, as a text thread's words are highlighted in the editor.
  // And its cell outlined, when it is about one.
  const activeAnchor = useMemo(() => threads.find((th) => th.id === active)?.root.anchor, [threads, active]);
  const activeActivity = activeAnchor?.type === 'activity' ? activeAnchor.activityId : null;
  const activeField = activeAnchor?.type === 'activity' ? activeAnchor.field : undefined;
  useEffect(() => {
    setCommentedActivity(documentId, activeActivity, activeField);
  }, [documentId, activeActivity, activeField]);
  useEffect(() => () => setCommentedActivity(documentId, null), [documentId]);

  const activate = useCallback(
    (threadId: string) => {
      setActive((cur) => (cur === threadId ? null : threadId));
      requestAnimationFrame(() => editor?.view.dom.querySelector(`.comment-highlight[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'center' }));
    },
    [editor],
  );

  return { active, setActive, activate };
}
