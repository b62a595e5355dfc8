/**
 * The plan's `restoreMarks` root map is the server's: each restore writes one marker there, and a client that returns
 * with edits made before it received a restore has them folded into that restore's backup (versions/staleBaseEdits).
 * A member writing markers (a stock y-websocket client can write any root) would feed that machinery markers no
 * restore made, so a client's update that writes into the map is refused (4400, like the body's other shape checks).
 *
 * One exception: a marker the server made that a client relays back. A client may hold a restore this node lacks
 * (it got it from another node just before coming here, or the node that restored stopped before storing it), and
 * its sync step 2 then carries that marker. Refusing the frame would refuse every edit in it, again at each
 * reconnect; so such a marker (alone in a client id of its own from clock 0, as `withRestoreMarker` writes it, not
 * the sender's own id) is left out and the rest applied. A client forging one the same way gets the same: its
 * marker never reaches the plan; and should that client id write anything more, it was the sender's own: refused.
 *
 * Cheap on the normal path: a plan never restored costs one search of the update's bytes for the root's name (Yjs
 * writes a root's name out in every item that sits directly in it without neighbours); in a restored plan, items
 * written next to a marker (a later value of its key names no root) are found by their neighbours' ids.
 */
import * as Y from 'yjs';
import { RESTORE_MARKS_FIELD } from '../versions/staleBaseEdits.js';

type Decoded = ReturnType<typeof Y.decodeUpdate>;
/** A root type of a document, as `doc.share` holds it. */
type Root = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** The connection an update comes from: the client ids its awareness speaks for, and those of markers it relayed. */
export interface MarkerSender {
  readonly awarenessIds: ReadonlySet<number>;
  /** Filled here: a relayed marker's client id writes nothing more, unless it was the sender's own. */
  readonly relayedMarkers: Set<number>;
}

/** Relayed markers one connection may have left out; past it, more are taken as written (a flood of forged ones). */
const MAX_RELAYED_MARKERS = 100;

/** What a client's update does to the restore markers: nothing, relays the server's own (left out), or writes them. */
export type RestoreMarkWrites = { kind: 'none' } | { kind: 'relayed'; update: Uint8Array } | { kind: 'written' };

const NONE: RestoreMarkWrites = { kind: 'none' };
const WRITTEN: RestoreMarkWrites = { kind: 'written' };
const NAME = Buffer.from(RESTORE_MARKS_FIELD, 'utf8');

/** Updates up to this size are searched in place: most are a keystroke's few dozen bytes, less than a Buffer view costs. */
const SCAN_IN_PLACE_BYTES = 512;

/** Whether the update's bytes hold the map's name (a larger one is searched natively). */
function namesMarkers(payload: Uint8Array): boolean {
  if (payload.length > SCAN_IN_PLACE_BYTES) return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).indexOf(NAME) >= 0;
  const first = NAME[0];
  const last = payload.length - NAME.length;
  outer: for (let i = 0; i <= last; i++) {
    if (payload[i] !== first) continue;
    for (let j = 1; j < NAME.length; j++) if (payload[i + j] !== NAME[j]) continue outer;
    return true;
  }
  return false;
}

/** The ids of every item the map holds (each key's value and the values it replaced), per client; rebuilt as keys are added. */
const markerIdsOf = new WeakMap<Root, { keys: number; ids: Map<number, Set<number>> }>();

/** The ids (client → clocks) of the items in the plan's marker map (a map's items are one clock long each). */
function markerIds(marks: Root): Map<number, Set<number>> {
  // Rebuilt when a key is added: the server writes each key once (a new backup's id), and a client may add nothing.
  const cached = markerIdsOf.get(marks);
  if (cached && cached.keys === marks._map.size) return cached.ids;
  const ids = new Map<number, Set<number>>();
  for (const last of marks._map.values()) {
    for (let item: Y.Item | null = last; item; item = item.left as Y.Item | null) {
      const clocks = ids.get(item.id.client) ?? new Set<number>();
      clocks.add(item.id.clock);
      ids.set(item.id.client, clocks);
    }
  }
  markerIdsOf.set(marks, { keys: marks._map.size, ids });
  return ids;
}

/**
 * Whether, and how, a client's update (`payload`, decoded as `decoded`) from `sender` writes into the plan's restore
 * markers of `doc`. Its deletions are not looked at: every client resends the whole delete set it knows, a marker's
 * deletion changes nothing (restoresNotSeen reads deleted markers too), and refusing one would lock out every client
 * that had merely heard of it.
 */
export function restoreMarkWrites(doc: Y.Doc, payload: Uint8Array, decoded: Decoded, sender: MarkerSender): RestoreMarkWrites {
  const marks = doc.share.get(RESTORE_MARKS_FIELD);
  const named = namesMarkers(payload);
  const relayedBefore = sender.relayedMarkers;
  if (!named && !marks && !relayedBefore.size) return NONE;
  const ids = marks ? markerIds(marks) : undefined;
  const isMarker = (id: Y.ID | null) => id !== null && ids?.get(id.client)?.has(id.clock) === true;
  const direct: Y.Item[] = [];
  for (const s of decoded.structs) {
    // What the plan holds already changes nothing: a page that loads its cached copy after its socket opened sends
    // the whole copy, the server's own markers in it, as one update.
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
    // The same marker again (a resync) is left out again; anything past it in that client id is the sender's writing.
    if (relayedBefore.has(s.id.client) && s.id.clock + s.length > 1) return WRITTEN;
    if (!(s instanceof Y.Item)) continue;
    // A value written next to a marker (its key's later value) is in the map too, though it names no root.
    if (s.parent === null && (isMarker(s.origin) || isMarker(s.rightOrigin))) return WRITTEN;
    // A decoded update names a root parent by its name (in a document, the parent is the type itself).
    if (named && (s.parent as unknown) === RESTORE_MARKS_FIELD) direct.push(s);
  }
  if (!direct.length) return NONE;
  if (relayedBefore.size + direct.length > MAX_RELAYED_MARKERS) return WRITTEN;
  // Relayed: each is all its client id wrote, one value from clock 0, in a client id neither this plan nor the sender uses.
  const structsOf = new Map<number, number>();
  for (const s of decoded.structs) structsOf.set(s.id.client, (structsOf.get(s.id.client) ?? 0) + 1);
  const lone = (s: Y.Item) => s.id.clock === 0 && s.length === 1 && structsOf.get(s.id.client) === 1;
  const relayed = direct.every((s) => lone(s) && !sender.awarenessIds.has(s.id.client) && Y.getState(doc.store, s.id.client) === 0);
  if (!relayed) return WRITTEN;
  // Nothing else may build on them (a later value of the key, sent along): that is writing the map.
  const lones = new Set(direct.map((s) => s.id.client));
  const buildsOn = (id: Y.ID | null) => id !== null && lones.has(id.client);
  if (decoded.structs.some((s) => s instanceof Y.Item && !lones.has(s.id.client) && (buildsOn(s.origin) || buildsOn(s.rightOrigin)))) return WRITTEN;
  for (const s of direct) relayedBefore.add(s.id.client);
  // Left out as if the plan had them already: the update without those client ids, its deletions kept.
  const skip = new Map([...lones].map((client) => [client, 1]));
  return { kind: 'relayed', update: Y.diffUpdate(payload, Y.encodeStateVector(skip)) };
}
