/**
 * What "since your last visit" found on the open plan, for the parts of the page that mark it: the notice in the
 * comment margin, and the activities table, which marks the rows others added or changed. It lasts while the plan is open
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

/** How an activity's row is marked: added since the visit, or there then and changed since. */
export type SinceVisitMark = 'added' | 'changed';

const NONE: ReadonlyMap<string, SinceVisitMark> = new Map();
const marksOf = new WeakMap<ChangesSinceVisit, ReadonlyMap<string, SinceVisitMark>>();

/** The marks of the activities on `documentId`, by id (none once dismissed, or before the visit is read). */
export function useChangedActivities(documentId: string | undefined): ReadonlyMap<string, SinceVisitMark> {
  const current = useSinceVisit();
  if (!documentId || !current || current.documentId !== documentId || current.dismissed || !current.changes.since) return NONE;
  let marks = marksOf.get(current.changes);
  if (!marks) {
    const { addedActivityIds = [], changedActivityIds } = current.changes;
    marks = new Map<string, SinceVisitMark>([...changedActivityIds.map((id) => [id, 'changed'] as const), ...addedActivityIds.map((id) => [id, 'added'] as const)]);
    marksOf.set(current.changes, marks);
  }
  return marks;
}

const NO_FIELDS: ReadonlyMap<string, readonly string[]> = new Map();
const fieldsOf = new WeakMap<ChangesSinceVisit, ReadonlyMap<string, readonly string[]>>();

/**
 * The fields others changed of each changed activity on `documentId`, by id (none once dismissed). One array per
 * activity for as long as the summary stands, so a memoized row given its own re-renders only when that changes.
 */
export function useChangedFields(documentId: string | undefined): ReadonlyMap<string, readonly string[]> {
  const current = useSinceVisit();
  if (!documentId || !current || current.documentId !== documentId || current.dismissed || !current.changes.since) return NO_FIELDS;
  let fields = fieldsOf.get(current.changes);
  if (!fields) {
    fields = new Map((current.changes.changedActivities ?? []).filter((a) => a.fields.length > 0).map((a) => [a.id, a.fields] as const));
    fieldsOf.set(current.changes, fields);
  }
  return fields;
}
