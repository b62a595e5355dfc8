/**
 * "Since your last visit" kept for the tab until the reader dismisses it. Opening a plan records the visit, so a
 * reload would otherwise find nothing new and the notice would be gone unread. The tab keeps what it was told
 * (sessionStorage, with whose it is) and the next read adds to it. Signing out or losing the plan forgets it.
 */
import type { DecisionSinceVisit } from '../../../shared/sinceVisit.js';
import { ACTIVITY_KEYS } from '../../../shared/planModel.js';
import type { ChangedActivitySinceVisit, ChangesSinceVisit } from './api.js';

const PREFIX = 'enlace.sinceVisit.';

interface Kept {
  userId: string;
  changes: ChangesSinceVisit;
}

function keyOf(documentId: string): string {
  return PREFIX + documentId;
}

/** Whether a summary has anything to tell (the notice shows nothing otherwise). */
export function hasNews(c: ChangesSinceVisit): boolean {
  return !!c.since && (c.newComments.length > 0 || (c.editedComments?.length ?? 0) > 0 || (c.addedActivityIds?.length ?? 0) > 0 || c.changedActivityIds.length > 0 || c.changedSections.length > 0 || (c.removedSections?.length ?? 0) > 0 || (c.removedActivities ?? 0) > 0 || (c.decisions?.length ?? 0) > 0);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function mergeDecisions(older: readonly DecisionSinceVisit[], newer: readonly DecisionSinceVisit[]): DecisionSinceVisit[] {
  const byId = new Map(older.map((d) => [d.id, d]));
  for (const d of newer) {
    const before = byId.get(d.id);
    // The newer read has the current title and status; news of either read stays news.
    byId.set(d.id, before ? { ...d, created: before.created || d.created, statusChanged: before.statusChanged || d.statusChanged, stancesRecorded: Math.max(before.stancesRecorded, d.stancesRecorded) } : d);
  }
  return [...byId.values()];
}

/** Each of `ids` with the fields either read named for it, in column order. */
function mergeChangedFields(ids: readonly string[], older: readonly ChangedActivitySinceVisit[], newer: readonly ChangedActivitySinceVisit[]): ChangedActivitySinceVisit[] {
  const fields = new Map<string, Set<string>>();
  for (const { id, fields: named } of [...older, ...newer]) fields.set(id, new Set([...(fields.get(id) ?? []), ...named]));
  const column = (key: string) => (ACTIVITY_KEYS as readonly string[]).indexOf(key);
  return ids.map((id) => ({ id, fields: [...(fields.get(id) ?? [])].sort((x, y) => column(x) - column(y)) }));
}

/** What the tab was told before (not yet dismissed) and what changed since, as one summary from the older visit. */
export function mergeSinceVisit(older: ChangesSinceVisit, newer: ChangesSinceVisit): ChangesSinceVisit {
  const changedActivityIds = union(older.changedActivityIds, newer.changedActivityIds).filter((id) => !(older.addedActivityIds ?? []).includes(id));
  return {
    since: older.since ?? newer.since,
    newComments: union(older.newComments, newer.newComments),
    // A comment new since the older visit stays new, however often it was edited after.
    editedComments: union(older.editedComments ?? [], newer.editedComments ?? []).filter((id) => !older.newComments.includes(id) && !newer.newComments.includes(id)),
    // An activity added since the older visit stays added, however often it was changed after; one there at the older
    // visit stays changed, even if the newer read saw it brought back as a new row.
    addedActivityIds: union(older.addedActivityIds ?? [], newer.addedActivityIds ?? []).filter((id) => !older.changedActivityIds.includes(id)),
    changedActivityIds,
    changedActivities: mergeChangedFields(changedActivityIds, older.changedActivities ?? [], newer.changedActivities ?? []),
    removedActivities: (older.removedActivities ?? 0) + (newer.removedActivities ?? 0),
    changedSections: union(older.changedSections, newer.changedSections),
    removedSections: union(older.removedSections ?? [], newer.removedSections ?? []),
    decisions: mergeDecisions(older.decisions ?? [], newer.decisions ?? []),
  };
}

function readKept(documentId: string, userId: string): ChangesSinceVisit | null {
  try {
    const text = sessionStorage.getItem(keyOf(documentId));
    if (!text) return null;
    const kept = JSON.parse(text) as Kept;
    return kept.userId === userId && kept.changes && Array.isArray(kept.changes.newComments) ? kept.changes : null;
  } catch (err) {
    console.warn('the kept “since your last visit” summary is unreadable', err);
    return null;
  }
}

/** The summary to show: this read, with what the tab was told before and has not dismissed; kept for a reload. */
export function keepSinceVisit(documentId: string, userId: string, fresh: ChangesSinceVisit): ChangesSinceVisit {
  const older = readKept(documentId, userId);
  const changes = older ? mergeSinceVisit(older, fresh) : fresh;
  try {
    if (hasNews(changes)) sessionStorage.setItem(keyOf(documentId), JSON.stringify({ userId, changes } satisfies Kept));
  } catch (err) {
    // Shown all the same; only a reload loses it.
    console.warn('could not keep the “since your last visit” summary for this tab', err);
  }
  return changes;
}

/** The reader dismissed the summary (or it no longer applies): the tab forgets it. */
export function forgetSinceVisit(documentId?: string): void {
  try {
    if (documentId) return sessionStorage.removeItem(keyOf(documentId));
    const keys: string[] = [];
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) sessionStorage.removeItem(key);
  } catch (err) {
    console.warn('could not forget the kept “since your last visit” summary', err);
  }
}
