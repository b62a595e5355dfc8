/**
 * The activity the comment margin's open thread is about, for the activities table, which marks its row (as the
 * editor highlights the words a text thread is about). One plan is open at a time, so one value is enough.
 */
import { useSyncExternalStore } from 'react';
import { withActivityRow } from '../../plan/activityRowReveal.js';

/** The activity, and the cell of `field` when the thread is about one. */
export interface CommentedActivity {
  documentId: string;
  activityId: string;
  field?: string;
}

let current: CommentedActivity | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The open thread on `documentId` is about `activityId` (null: about something else, or no thread is open), or its cell of `field`. */
export function setCommentedActivity(documentId: string, activityId: string | null, field?: string): void {
  const next = activityId ? { documentId, activityId, field } : null;
  if (next?.documentId === current?.documentId && next?.activityId === current?.activityId && next?.field === current?.field) return;
  // Clearing another plan's mark would race that plan's margin mounting: only the owner clears.
  if (!next && current && current.documentId !== documentId) return;
  current = next;
  for (const listener of listeners) listener();
}

/** The activity (and cell) to mark on `documentId`, or null. */
export function useCommentedActivity(documentId: string | undefined): CommentedActivity | null {
  const value = useSyncExternalStore(subscribe, () => current, () => null);
  return documentId && value?.documentId === documentId ? value : null;
}

/**
 * A row reached with no cell to focus (a read-only table, an added activity): focusable and framed while focused, as a
 * row marked by its thread or the last visit is (changedSinceVisit.css); a plain row otherwise takes no focus.
 */
function markReached(row: HTMLElement): void {
  if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
  row.dataset.reached = 'true';
  row.addEventListener('blur', () => delete row.dataset.reached, { once: true });
}

/**
 * Brings the activity's row into view and puts the focus on it, or on the cell of `field` when the thread is about one;
 * false when the table does not show the row.
 */
export function revealActivityRow(activityId: string, field?: string): boolean {
  // A very big table may have the row out of the page: it scrolls it into its window first.
  return withActivityRow([activityId], (row) => {
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const cell = field ? row.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) : null;
    (cell ?? row).scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
    if (!cell) markReached(row);
    (cell ?? row).focus({ preventScroll: true });
  });
}
