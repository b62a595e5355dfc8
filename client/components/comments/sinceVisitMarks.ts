/**
 * What "since your last visit" found on the open plan, for the parts of the page that mark it: the notice in the
 * comment margin, and the activities table, which marks the rows that changed. It lasts while the plan is open
 * (a reload shows it again, see keptSinceVisit) and until the reader dismisses the notice.
 */
import { useSyncExternalStore } from 'react';
import type { ChangesSinceVisit } from './api.js';
import { forgetSinceVisit } from './keptSinceVisit.js';

export interface SinceVisitState {
  documentId: string;
  changes: ChangesSinceVisit;
  dismissed: boolean;
}

let state: SinceVisitState | null = null;
const listeners = new Set<() => void>();

function set(next: SinceVisitState | null): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the visit to `documentId` found (called once it is read). */
export function publishSinceVisit(documentId: string, changes: ChangesSinceVisit): void {
  set({ documentId, changes, dismissed: false });
}

/** The reader has seen the changes: the notice and the marks go. */
export function dismissSinceVisit(changes: ChangesSinceVisit): void {
  if (state?.changes !== changes || state.dismissed) return;
  forgetSinceVisit(state.documentId);
  set({ ...state, dismissed: true });
}

/** The plan is closed: nothing to mark any more. */
export function clearSinceVisit(documentId: string): void {
  if (state?.documentId === documentId) set(null);
}

/** The current state (null when no plan's visit is known). */
export function useSinceVisit(): SinceVisitState | null {
  return useSyncExternalStore(subscribe, () => state, () => null);
}

const NONE: ReadonlySet<string> = new Set();
const idSets = new WeakMap<ChangesSinceVisit, ReadonlySet<string>>();

/** Ids of the activities to mark as changed on `documentId` (none once dismissed, or before the visit is read). */
export function useChangedActivities(documentId: string | undefined): ReadonlySet<string> {
  const current = useSinceVisit();
  if (!documentId || !current || current.documentId !== documentId || current.dismissed || !current.changes.since) return NONE;
  let ids = idSets.get(current.changes);
  if (!ids) {
    ids = new Set(current.changes.changedActivityIds);
    idSets.set(current.changes, ids);
  }
  return ids;
}
