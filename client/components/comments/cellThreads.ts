/**
 * The open threads about the activities table's rows, grouped by activity and by cell (or the whole activity), for the
 * table's markers. The comment margin sets them as its threads change (never per keystroke); one plan is open at a
 * time, so one value.
 */
import { useSyncExternalStore } from 'react';
import type { Thread } from './useComments.js';

/** The key of a row's threads about the whole activity (no field), as the comment draft names it too. */
export const WHOLE_ACTIVITY = '';

/** One row's open threads: field (WHOLE_ACTIVITY: none) → thread ids, oldest first. One object, so a row has one prop to compare. */
export type RowThreads = Readonly<Record<string, readonly string[]>>;

interface CellThreads {
  documentId: string;
  rows: ReadonlyMap<string, RowThreads>;
}

const NONE: ReadonlyMap<string, RowThreads> = new Map();
let current: CellThreads = { documentId: '', rows: NONE };
/** What each row's object holds, to hand back the same object while it stands (rows are memoized on it). */
const contents = new WeakMap<RowThreads, string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether any comment of the thread is still there (not deleted). */
export function hasWords(th: Thread): boolean {
  return !th.root.deleted || th.replies.some((r) => !r.deleted);
}

/** The margin's threads on `documentId` changed: the open ones about an activity are grouped anew, unchanged rows kept as they were. */
export function setCellThreads(documentId: string, threads: readonly Thread[]): void {
  const grouped = new Map<string, Record<string, string[]>>();
  for (const th of threads) {
    const anchor = th.root.anchor;
    if (th.resolved || th.root.detached || anchor?.type !== 'activity' || !hasWords(th)) continue;
    let row = grouped.get(anchor.activityId);
    if (!row) grouped.set(anchor.activityId, (row = {}));
    (row[anchor.field || WHOLE_ACTIVITY] ??= []).push(th.id);
  }
  const before = current.documentId === documentId ? current.rows : NONE;
  let changed = before.size !== grouped.size || current.documentId !== documentId;
  const rows = new Map<string, RowThreads>();
  for (const [activityId, row] of grouped) {
    const text = JSON.stringify(row);
    const old = before.get(activityId);
    if (old && contents.get(old) === text) rows.set(activityId, old);
    else {
      changed = true;
      contents.set(row, text);
      rows.set(activityId, row);
    }
  }
  if (!changed) return;
  current = { documentId, rows };
  for (const listener of listeners) listener();
}

/** The margin of `documentId` went: its markers go with it (another plan's margin may have set its own meanwhile). */
export function clearCellThreads(documentId: string): void {
  if (current.documentId !== documentId) return;
  current = { documentId: '', rows: NONE };
  for (const listener of listeners) listener();
}

/** Activity id → its open threads on `documentId`, as set now. */
export function cellThreadsOf(documentId: string | undefined, value: CellThreads = current): ReadonlyMap<string, RowThreads> {
  return documentId && value.documentId === documentId ? value.rows : NONE;
}

/** Activity id → its open threads on `documentId` (the same objects while they stand). */
export function useCellThreads(documentId: string | undefined): ReadonlyMap<string, RowThreads> {
  return cellThreadsOf(documentId, useSyncExternalStore(subscribe, () => current, () => current));
}
