/**
 * The comment margin's side of the activities table's cell markers: it tells the table which cells have open threads,
 * and opens a cell's thread when its marker is pressed.
 */
import { useEffect, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { cellThreadOpens } from './cellCommentRequests.js';
import { clearCellThreads, setCellThreads } from './cellThreads.js';
import { focusLinkedThread } from './focusLinkedThread.js';
import type { ThreadFilter } from './useActiveThread.js';
import type { Thread } from './useComments.js';

interface Options {
  documentId: string;
  threads: readonly Thread[];
  active: string | null;
  setActive: (threadId: string) => void;
  filter: ThreadFilter;
  setFilter: (filter: ThreadFilter) => void;
}

/** The thread card an event happened in (its id), if any. */
const cardOf = (node: unknown) => (node instanceof Element ? node.closest('[data-thread-id]')?.getAttribute('data-thread-id') : null);

/** Publishes the cell threads and answers the markers; the handlers returned, on the threads' list, take Escape back to the marker. */
export function useCellThreadLinks({ documentId, threads, active, setActive, filter, setFilter }: Options) {
  useEffect(() => setCellThreads(documentId, threads), [documentId, threads]);
  useEffect(() => () => clearCellThreads(documentId), [documentId]);

  // Read when a marker is pressed, not re-subscribed for every change.
  const now = useRef({ active, filter, setActive, setFilter });
  useLayoutEffect(() => {
    now.current = { active, filter, setActive, setFilter };
  });
  // The thread a marker opened, and the way back to that marker, while the focus stays in its card.
  const back = useRef<{ threadId: string; returnFocus: () => void } | null>(null);
  useEffect(
    () =>
      cellThreadOpens.listen(documentId, ({ threadIds, returnFocus }) => {
        if (!threadIds.length) return;
        const { active, filter, setActive, setFilter } = now.current;
        // A cell with several threads: each press opens the next.
        const at = active ? threadIds.indexOf(active) : -1;
        const threadId = threadIds[(at + 1) % threadIds.length];
        setActive(threadId);
        back.current = returnFocus ? { threadId, returnFocus } : null;
        // Markers count open threads: a margin listing the resolved ones lists them all instead.
        if (filter === 'resolved') setFilter('all');
        requestAnimationFrame(() => document.querySelector(`.comment-margin [data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' }));
        focusLinkedThread(threadId);
      }),
    [documentId],
  );

  return {
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      // Not taken by a reply or edit box (their Escape closes them first): back to the cell, as from the composer.
      const to = back.current;
      if (e.key !== 'Escape' || e.defaultPrevented || !to || cardOf(e.target) !== to.threadId) return;
      e.preventDefault();
      back.current = null;
      to.returnFocus();
    },
    onBlur: (e: FocusEvent<HTMLElement>) => {
      // Moved on to another card or out of the margin: Escape there is no way back to a cell left long ago. A focus
      // lost to nothing (a reply box closing) is not moving on.
      if (back.current && e.relatedTarget instanceof Node && cardOf(e.relatedTarget) !== back.current.threadId) back.current = null;
    },
  };
}
