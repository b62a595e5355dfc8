/**
 * What changed in a plan since a Yjs snapshot (state vector + delete set) taken at the user's last
 * visit. Works on the live document's structs, so it stays correct after the update log is compacted:
 * an item is new if its clock is past the snapshot's state vector, removed if it is deleted now but
 * was not deleted then. Changes are reported per section (the heading above them) and per activity.
 */
import * as Y from 'yjs';
import { activityIdOf, getActivities, getBody } from '../../shared/planModel.js';
import type { Authorship } from '../sync/updateAuthorship.js';

type Ranges = Map<number, Array<{ clock: number; len: number }>>;

interface Snap {
  sv: Map<number, number>;
  ds: Ranges;
  /** The reader's own doing since the snapshot: not news to them (see ownChanges). */
  own: OwnChanges;
}

/** Yjs clients only the reader wrote with since the snapshot, and the ranges the reader deleted. */
export interface OwnChanges {
  clients: ReadonlySet<number>;
  deletes: Ranges;
}

const NOTHING_OWN: OwnChanges = { clients: new Set(), deletes: new Map() };

/** Sorted, merged copies of delete ranges, as `covered` needs them. */
function mergeRanges(ranges: Ranges): Ranges {
  const out: Ranges = new Map();
  for (const [client, list] of ranges) {
    const sorted = [...list].sort((x, y) => x.clock - y.clock);
    const merged: Array<{ clock: number; len: number }> = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last && r.clock <= last.clock + last.len) last.len = Math.max(last.len, r.clock + r.len - last.clock);
      else merged.push({ clock: r.clock, len: r.len });
    }
    out.set(client, merged);
  }
  return out;
}

/**
 * What the reader did themselves since their visit, from who wrote what (`writers`: log entries since the visit, and
 * what compaction kept of the entries it folded, see updateAuthorship.ts): clients no one else wrote with, and what
 * the reader deleted. Entries folded before their authorship was kept show as anyone's.
 */
export function ownChanges(writers: readonly Authorship[], readerId: string): OwnChanges {
  const writersOf = new Map<number, Set<string | null>>();
  const deletes: Ranges = new Map();
  for (const { userId, clients, deletes: ranges } of writers) {
    for (const client of clients) {
      if (!writersOf.has(client)) writersOf.set(client, new Set());
      writersOf.get(client)!.add(userId);
    }
    if (userId !== readerId) continue;
    for (const [client, clock, len] of ranges) {
      const list = deletes.get(client) ?? [];
      list.push({ clock, len });
      deletes.set(client, list);
    }
  }
  const clients = new Set([...writersOf].filter(([, who]) => who.size === 1 && who.has(readerId)).map(([client]) => client));
  return { clients, deletes: mergeRanges(deletes) };
}

/** The encoded snapshot of a document's current state, to store with a visit. */
export function takeSnapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}

function decode(bytes: Uint8Array, own: OwnChanges): Snap {
  const s = Y.decodeSnapshot(bytes);
  return { sv: s.sv, ds: s.ds.clients, own };
}

/** Whether [from, to) of a client's clocks is entirely inside the (sorted, merged) delete ranges. */
function covered(ranges: Array<{ clock: number; len: number }> | undefined, from: number, to: number): boolean {
  let at = from;
  for (const r of ranges ?? []) {
    if (r.clock + r.len <= at) continue;
    if (r.clock > at) return false;
    at = r.clock + r.len;
    if (at >= to) return true;
  }
  return at >= to;
}

// Items merge, so one item can hold clocks from before and after the snapshot: compare by range.
function itemChanged(item: Y.Item, snap: Snap): boolean {
  const { client, clock } = item.id;
  const end = clock + item.length;
  const known = snap.sv.get(client) ?? 0;
  if (item.deleted) {
    const oldEnd = Math.min(end, known);
    return oldEnd > clock && !covered(snap.ds.get(client), clock, oldEnd) && !covered(snap.own.deletes.get(client), clock, oldEnd);
  }
  return end > known && !snap.own.clients.has(client);
}

function existedVisible(item: Y.Item, snap: Snap): boolean {
  return item.id.clock < (snap.sv.get(item.id.client) ?? 0) && !covered(snap.ds.get(item.id.client), item.id.clock, item.id.clock + 1);
}

function mapEntryChanged(latest: Y.Item, snap: Snap): boolean {
  let then: Y.Item | null = null;
  for (let it: Y.Item | null = latest; it; it = it.left) {
    if (it.id.clock < (snap.sv.get(it.id.client) ?? 0)) {
      then = existedVisible(it, snap) ? it : null;
      break;
    }
  }
  const now = latest.deleted ? null : latest;
  if (now === then) return false;
  // The reader's own last word on the entry (written by them, or removed by them) is not news to them.
  if (now) return !snap.own.clients.has(now.id.client);
  return !covered(snap.own.deletes.get(latest.id.client), latest.id.clock, latest.id.clock + 1);
}

/** Any Yjs type: its list items and its map entries. */
type Structs = { _start: Y.Item | null; _map: Map<string, Y.Item> };

function typeChanged(type: Structs, snap: Snap): boolean {
  for (let item = type._start; item; item = item.right) {
    if (itemChanged(item, snap)) return true;
    if (!item.deleted && item.content instanceof Y.ContentType && typeChanged(item.content.type, snap)) return true;
  }
  for (const latest of type._map.values()) {
    if (mapEntryChanged(latest, snap)) return true;
    if (!latest.deleted && latest.content instanceof Y.ContentType && typeChanged(latest.content.type, snap)) return true;
  }
  return false;
}

/** An element's text without formatting: what names a section (its heading's text). */
export function plainText(el: Y.XmlElement): string {
  return el
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? (c.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : c instanceof Y.XmlElement ? plainText(c) : ''))
    .join('');
}

export interface ChangesSince {
  /** Headings of the sections whose content changed ('' for text before the first heading). */
  changedSections: string[];
  /** Headings there at the visit and deleted since by others (what followed them was part of that section). */
  removedSections: string[];
  /** Activities others added since the visit (their row is new since the snapshot). */
  addedActivityIds: string[];
  /** Activities there at the visit whose fields others changed since (none of the added ones). */
  changedActivityIds: string[];
  /** Activities there at the visit and deleted since (by others): their ids went with them. */
  removedActivities: number;
}

/** A heading at a visit: its Yjs item id and its text (a deleted heading's text is gone from the live document). */
export interface VisitHeading {
  client: number;
  clock: number;
  text: string;
}

/** The plan's top-level headings now, to store with a visit. */
export function visitHeadings(doc: Y.Doc): VisitHeading[] {
  const out: VisitHeading[] = [];
  for (let item = getBody(doc)._start; item; item = item.right) {
    const type = item.content instanceof Y.ContentType ? item.content.type : null;
    if (!item.deleted && type instanceof Y.XmlElement && type.nodeName === 'heading') out.push({ client: item.id.client, clock: item.id.clock, text: plainText(type) });
  }
  return out;
}

/** The visit's headings inside a (possibly merged, deleted) item's clock range, in clock order. */
function headingsIn(item: Y.Item, byClient: Map<number, VisitHeading[]>): VisitHeading[] {
  const end = item.id.clock + item.length;
  return (byClient.get(item.id.client) ?? []).filter((h) => h.clock >= item.id.clock && h.clock < end);
}

/**
 * Compares the document's current state with an encoded snapshot, leaving out the reader's own changes.
 * With the visit's headings, a section deleted since is named as removed, and what was deleted with it is not
 * put down to the section above it.
 */
export function changesSince(doc: Y.Doc, snapshot: Uint8Array, own: OwnChanges = NOTHING_OWN, headingsAtVisit: readonly VisitHeading[] = []): ChangesSince {
  const snap = decode(snapshot, own);
  const byClient = new Map<number, VisitHeading[]>();
  for (const h of headingsAtVisit) byClient.set(h.client, [...(byClient.get(h.client) ?? []), h].sort((x, y) => x.clock - y.clock));
  const sections: string[] = [];
  const removedSections: string[] = [];
  let heading = '';
  // Inside a section whose heading was deleted since the visit: its deleted content is that removal, not news of
  // the section above. Live content after it now reads as part of the section above.
  let inRemoved = false;
  for (let item = getBody(doc)._start; item; item = item.right) {
    const type = item.content instanceof Y.ContentType ? item.content.type : null;
    if (item.deleted) {
      const gone = headingsIn(item, byClient);
      if (gone.length) {
        inRemoved = true;
        for (const h of gone) {
          const byReader = covered(snap.own.deletes.get(h.client), h.clock, h.clock + 1);
          if (!byReader && !removedSections.includes(h.text)) removedSections.push(h.text);
        }
        continue;
      }
    } else {
      inRemoved = false;
      if (type instanceof Y.XmlElement && type.nodeName === 'heading') heading = plainText(type);
    }
    const changed = itemChanged(item, snap) || (!item.deleted && type !== null && typeChanged(type, snap));
    if (changed && !inRemoved && !sections.includes(heading)) sections.push(heading);
  }
  const addedIds: string[] = [];
  const activityIds: string[] = [];
  let removedActivities = 0;
  for (let item = getActivities(doc)._start; item; item = item.right) {
    if (item.deleted) {
      // One struct per row (a row is a type): changed while deleted means there then, and deleted since by others.
      if (itemChanged(item, snap)) removedActivities += item.length;
      continue;
    }
    if (!(item.content instanceof Y.ContentType)) continue;
    const row = item.content.type;
    if (!(row instanceof Y.Map)) continue;
    const id = activityIdOf(row);
    if (!id) continue;
    // A row is one struct: changed as a whole means it was inserted since the visit, by someone else. Whatever was
    // written into it after is part of that addition, not a change of something the reader saw.
    if (itemChanged(item, snap)) {
      if (!addedIds.includes(id)) addedIds.push(id);
    } else if (typeChanged(row, snap) && !activityIds.includes(id)) activityIds.push(id);
  }
  // An id on an added row and on a changed one (a copy pasted in beside it) is told once, as changed: it was there.
  const added = addedIds.filter((id) => !activityIds.includes(id));
  return { changedSections: sections, removedSections, addedActivityIds: added, changedActivityIds: activityIds, removedActivities };
}
