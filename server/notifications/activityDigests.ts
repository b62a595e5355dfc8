/**
 * What each activity of a plan read at a visit, field by field (activityFieldDigests.ts). "Since your last visit"
 * marks an activity as changed from the Yjs structs written since; an activity changed and changed back since (a
 * status set and undone) has new structs but reads as it did, and its old values are gone from the live document.
 * Comparing digests tells those apart, and names the fields that read differently. Visits kept before fields were
 * digested hold one digest per activity: they still tell changed from not, without naming fields.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { activityIdOf, getActivities, readActivity } from '../../shared/planModel.js';
import { fieldEntries, fieldsDiffering, packFieldDigests, readFieldDigests } from './activityFieldDigests.js';

/**
 * Beyond this many activities no digests are kept (null): each visit builds and writes them on the event loop (a
 * plan of 20,000 took 0.3 s of it per visit), and a plan that large is bulk data, not a table anyone reads row by
 * row since their last visit. 44 bytes per activity, ~88 KB at the bound.
 */
export const MAX_DIGESTED_ACTIVITIES = 2000;

/** Per-field digests of every activity now, to keep with a visit; null past MAX_DIGESTED_ACTIVITIES. */
export function activityDigests(doc: Y.Doc): Uint8Array | null {
  const rows = getActivities(doc);
  return rows.length > MAX_DIGESTED_ACTIVITIES ? null : packFieldDigests(fieldEntries(rows).values());
}

/** The digests a visit kept: per field, or (visits kept before those) one per activity id. */
export interface VisitDigests {
  fields?: Uint8Array | null;
  whole?: Record<string, string> | null;
}

/** An activity others changed since the visit, and which of its fields read differently ([] when the visit cannot tell). */
export interface ChangedActivity {
  id: string;
  fields: string[];
}

/** Activities others added since a visit, and those there at it whose fields they changed (see sortActivityNews). */
export interface ActivityNews {
  added: string[];
  changed: ChangedActivity[];
}

/** The old format's digest of one activity: all its fields at once. */
function wholeDigestOf(row: Y.Map<unknown>): string {
  return createHash('sha256').update(JSON.stringify(readActivity(row))).digest('base64url').slice(0, 16);
}

/** One digest per activity id, as visits kept them before fields were digested (ids held by two rows left out). */
export function wholeActivityDigests(doc: Y.Doc, only?: ReadonlySet<string>): Record<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  getActivities(doc).forEach((row) => {
    if (!(row instanceof Y.Map)) return;
    const id = activityIdOf(row);
    if (!id || (only && !only.has(id))) return;
    if (out.has(id)) twice.add(id);
    out.set(id, wholeDigestOf(row));
  });
  for (const id of twice) out.delete(id);
  return Object.fromEntries(out);
}

/** What a visit's digests answer: whether they knew an activity, and which of some activities still read differently. */
interface Kept {
  knows(id: string): boolean;
  stillChanged(doc: Y.Doc, ids: readonly string[]): ChangedActivity[];
}

function keptOf(atVisit: VisitDigests | null | undefined): Kept | null {
  const fields = atVisit?.fields ? readFieldDigests(atVisit.fields) : null;
  if (fields) {
    return {
      knows: (id) => fields.entryOf(id) !== null,
      stillChanged: (doc, ids) => {
        const now = fieldEntries(getActivities(doc), new Set(ids));
        return ids.flatMap((id) => {
          const then = fields.entryOf(id);
          const current = now.get(id);
          // Not one entry then and one now (an id two rows share): changed, which fields unknown.
          if (!then || !current) return [{ id, fields: [] }];
          const differing = fieldsDiffering(then, current);
          return differing.length ? [{ id, fields: differing }] : [];
        });
      },
    };
  }
  const whole = atVisit?.whole;
  if (!whole) return null;
  return {
    knows: (id) => Object.hasOwn(whole, id),
    stillChanged: (doc, ids) => {
      const now = wholeActivityDigests(doc, new Set(ids));
      return ids.filter((id) => !Object.hasOwn(now, id) || now[id] !== whole[id]).map((id) => ({ id, fields: [] }));
    },
  };
}

/**
 * Added and changed activities as the reader knew them at the visit. The Yjs structs say which rows are new since
 * the snapshot, but a row can be new and its activity not: one deleted and brought back by an undo, or restored from
 * a version, is a new row holding an activity the visit's digests know. That one is changed (or nothing, if it reads
 * as it did). Without digests (a visit kept before them, or a plan past the bound) the structs decide alone. A visit
 * to a plan that had no activities kept an empty digest set: every activity since is added.
 */
export function sortActivityNews(doc: Y.Doc, news: { addedActivityIds: readonly string[]; changedActivityIds: readonly string[] }, atVisit: VisitDigests | null | undefined): ActivityNews {
  const kept = keptOf(atVisit);
  const known = (id: string) => !!kept && kept.knows(id);
  const added = news.addedActivityIds.filter((id) => !known(id));
  const changed = [...news.changedActivityIds, ...news.addedActivityIds.filter(known)];
  return { added, changed: stillChanged(doc, changed, atVisit) };
}

/** `changedIds` less the activities that read now as they did at the visit, each with the fields that read differently. */
export function stillChanged(doc: Y.Doc, changedIds: readonly string[], atVisit: VisitDigests | null | undefined): ChangedActivity[] {
  const kept = keptOf(atVisit);
  if (!kept || changedIds.length === 0) return changedIds.map((id) => ({ id, fields: [] }));
  return kept.stillChanged(doc, changedIds);
}
