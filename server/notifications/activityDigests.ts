/**
 * What each activity of a plan read at a visit, as a short digest per activity id. "Since your last visit" marks an
 * activity as changed from the Yjs structs written since; an activity changed and changed back since (a status set
 * and undone) has new structs but reads as it did, and its old values are gone from the live document. Comparing
 * digests tells those apart.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { activityIdOf, getActivities, readActivity } from '../../shared/planModel.js';

/**
 * Beyond this many activities no digests are kept (null): each visit writes them, and a plan that large is bulk
 * data, not a table anyone reads row by row since their last visit. ~35 bytes per activity.
 */
export const MAX_DIGESTED_ACTIVITIES = 2000;

/** The digest of one activity's fields as the web app shows them (read tolerantly, as everywhere else). */
function digestOf(row: Y.Map<unknown>): string {
  return createHash('sha256').update(JSON.stringify(readActivity(row))).digest('base64url').slice(0, 16);
}

/** Digests of the rows whose id is in `only` (every row without it); ids held by two rows are left out (which one was meant is unknown). */
function digestsOf(rows: Y.Array<Y.Map<unknown>>, only?: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  rows.forEach((row) => {
    if (!(row instanceof Y.Map)) return;
    const id = activityIdOf(row);
    if (!id || (only && !only.has(id))) return;
    if (out.has(id)) twice.add(id);
    out.set(id, digestOf(row));
  });
  for (const id of twice) out.delete(id);
  return out;
}

/** Activity id → digest of its fields now, to keep with a visit; null past MAX_DIGESTED_ACTIVITIES. */
export function activityDigests(doc: Y.Doc): Record<string, string> | null {
  const rows = getActivities(doc);
  return rows.length > MAX_DIGESTED_ACTIVITIES ? null : Object.fromEntries(digestsOf(rows));
}

/** Activities others added since a visit, and those there at it whose fields they changed (see sortActivityNews). */
export interface ActivityNews {
  added: string[];
  changed: string[];
}

/**
 * Added and changed activities as the reader knew them at the visit. The Yjs structs say which rows are new since
 * the snapshot, but a row can be new and its activity not: one deleted and brought back by an undo, or restored from
 * a version, is a new row holding an activity the visit's digests know. That one is changed (or nothing, if it reads
 * as it did). Without digests (a visit kept before them, or a plan past the bound) the structs decide alone. A visit
 * to a plan that had no activities kept an empty digest set: every activity since is added.
 */
export function sortActivityNews(doc: Y.Doc, news: { addedActivityIds: readonly string[]; changedActivityIds: readonly string[] }, atVisit: Record<string, string> | null | undefined): ActivityNews {
  const known = (id: string) => !!atVisit && Object.hasOwn(atVisit, id);
  const added = news.addedActivityIds.filter((id) => !known(id));
  const changed = [...news.changedActivityIds, ...news.addedActivityIds.filter(known)];
  return { added, changed: stillChanged(doc, changed, atVisit) };
}

/** `changedIds` less the activities that read now as they did at the visit (`atVisit`: the visit's digests, if kept). */
export function stillChanged(doc: Y.Doc, changedIds: readonly string[], atVisit: Record<string, string> | null | undefined): string[] {
  if (!atVisit || changedIds.length === 0) return [...changedIds];
  const now = digestsOf(getActivities(doc), new Set(changedIds));
  // Kept unless it has one digest now (not a shared id) equal to the visit's.
  return changedIds.filter((id) => {
    const digest = now.get(id);
    return digest === undefined || digest !== atVisit[id];
  });
}
