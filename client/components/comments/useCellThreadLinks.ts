/**
 * The comment margin's side of the activities table's cell markers: it tells the table which cells have open threads,
 * and opens a cell's thread when its marker is pressed.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
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

/** Publishes the cell threads and answers the markers. */
export function useCellThreadLinks({ documentId, threads, active, setActive, filter, setFilter }: Options): void {
  useEffect(() => setCellThreads(documentId, threads), [documentId, threads]);
  useEffect(() => () => clearCellThreads(documentId), [documentId]);

  // Read when a marker is pressed, not re-subscribed for every change.
  const now = useRef({ active, filter, setActive, setFilter });
  useLayoutEffect(() => {
    now.current = { active, filter, setActive, setFilter };
  });
  useEffect(
    () =>
      cellThreadOpens.listen(documentId, ({ threadIds }) => {
        if (!threadIds.length) return;
        const { active, filter, setActive, setFilter } = now.current;
        // A cell with several threads: each press opens the next.
        const at = active ? threadIds.indexOf(active) : -1;
        const threadId = threadIds[(at + 1) % threadIds.length];
        setActive(threadId);
        // Markers count open threads: a margin listing the resolved ones lists them all instead.
        if (filter === 'resolved') setFilter('all');
        requestAnimationFrame(() => document.querySelector(`.comment-margin [data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' }));
        focusLinkedThread(threadId);
      }),
    [documentId],
  );
}
