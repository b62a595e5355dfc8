/**
 * The activities table's side of comments on one cell or a whole activity: which cells and rows have open threads,
 * which one the margin has open, and starting a comment on a cell (its hover button or Ctrl+Alt+M) or on a row (its
 * «Comentar» button).
 */
import { useMemo, type KeyboardEvent } from 'react';
import { cellCommentStarts, cellThreadOpens } from '../components/comments/cellCommentRequests.js';
import { useCommentedActivity } from '../components/comments/commentedActivity.js';
import { useCellThreads } from '../components/comments/cellThreads.js';
import { withActivityRow } from './activityRowReveal.js';

/** What a row does about comments; one object for the whole table, so it never re-renders a memoized row. */
export interface CellCommentActions {
  /** A new comment on the activity's cell of `field`, or on the whole row (the composer asks which field); absent when the reader may not comment. */
  start?: (activityId: string, field?: string) => void;
  /** Opens one of a cell's threads, or of the whole activity's (no field), in the margin (Escape on it comes back to the marker). */
  open: (threadIds: readonly string[], activityId: string, field?: string) => void;
}

/**
 * Ctrl+Alt+M (⌘⌥M on a Mac): the key office suites use to comment, so many know it already. A shortcut rather than a
 * button per cell, because each row has some twenty Tab stops already. Read by its key's place, since ⌥M types «µ».
 */
export function isCellCommentShortcut(e: KeyboardEvent): boolean {
  return e.code === 'KeyM' && e.altKey && (e.ctrlKey || e.metaKey) && !e.shiftKey;
}

/** Whether the reader is on a Mac (or iPad with a keyboard), where ⌘ stands for Ctrl and Ctrl+⌥ is VoiceOver's. */
function onApplePlatform(): boolean {
  const data = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  // Either says it: navigator.platform is deprecated but the one Safari has; Chromium's own says "macOS".
  return /mac|iphone|ipad|ipod/i.test(navigator.platform ?? '') || /macos|ios/i.test(data?.platform ?? '');
}

/** The shortcut as this platform's keys are labelled: ⌘⌥M on a Mac, Ctrl+Alt+M elsewhere. */
export function cellCommentKeys(): string {
  return onApplePlatform() ? '⌘⌥M' : 'Ctrl+Alt+M';
}

/** The table's hint: by touch on a touch screen without a pointer that hovers (a phone), else by keys or pointer. */
export function cellCommentHintKey(editable: boolean): string {
  if (window.matchMedia('(hover: none) and (pointer: coarse)').matches) return 'activities.commentHintTouch';
  return editable ? 'activities.commentHint' : 'activities.commentHintReadOnly';
}

/** The control a keyboard user works a cell with (its field; the cell itself when read-only), the comment buttons aside. */
function cellControl(row: HTMLElement, field: string): HTMLElement | null {
  const cell = row.querySelector<HTMLElement>(`[data-cell="${CSS.escape(field)}"]`);
  if (!cell) return null;
  return [...cell.querySelectorAll<HTMLElement>('input, select, textarea, button')].find((el) => !el.closest('.cell-comments')) ?? cell;
}

/** Puts the focus back on the cell a comment started from, or on its row's «Comentar» button. */
export function focusCommentOrigin(activityId: string, field?: string): void {
  withActivityRow([activityId], (row) => {
    const target = field ? cellControl(row, field) : row.querySelector<HTMLElement>('[data-row-comment]');
    if (!target) return;
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    target.focus({ preventScroll: true });
  });
}

/**
 * Puts the focus back on the count marker a thread was opened from: a cell's (its control if the marker went), or with
 * no field the row's (its «Comentar» button if the marker went).
 */
export function focusThreadsMarker(activityId: string, field?: string): void {
  withActivityRow([activityId], (row) => {
    const target = field
      ? (row.querySelector<HTMLElement>(`[data-cell="${CSS.escape(field)}"]`)?.querySelector<HTMLElement>('.cell-comment-marker') ?? cellControl(row, field))
      : (row.querySelector<HTMLElement>('.row-comment-marker') ?? row.querySelector<HTMLElement>('[data-row-comment]'));
    if (!target) return;
    target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    target.focus({ preventScroll: true });
  });
}

/** The table's cell comments on `documentId`: open threads per activity, the open thread's cell, the row actions and the shortcut. */
export function useCellComments(documentId: string | undefined, canComment: boolean) {
  const threads = useCellThreads(documentId);
  const commented = useCommentedActivity(documentId);
  const actions = useMemo<CellCommentActions | undefined>(() => {
    if (!documentId) return undefined;
    return {
      start: canComment ? (activityId, field) => void cellCommentStarts.send({ documentId, activityId, field, returnFocus: () => focusCommentOrigin(activityId, field) }) : undefined,
      open: (threadIds, activityId, field) => void cellThreadOpens.send({ documentId, threadIds, returnFocus: () => focusThreadsMarker(activityId, field) }),
    };
  }, [documentId, canComment]);

  /** Ctrl+Alt+M in a cell: a comment on it. One listener on the table, none per cell. */
  const onKeyDown = (e: KeyboardEvent) => {
    if (!actions?.start || !isCellCommentShortcut(e) || !(e.target instanceof Element)) return;
    const cell = e.target.closest<HTMLElement>('[data-cell]');
    const activityId = cell?.closest<HTMLElement>('tr[data-activity-id]')?.dataset.activityId;
    if (!cell?.dataset.cell || !activityId) return;
    e.preventDefault();
    actions.start(activityId, cell.dataset.cell);
  };

  return { threads, commented, actions, onKeyDown };
}
