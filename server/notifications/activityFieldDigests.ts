/**
 * What each field of each activity read at a visit, packed small: "since your last visit" names the fields others
 * changed (and leaves out those changed and changed back). Bytes, not JSON: a plan of 20,000 activities keeps
 * 880 KB (~390 KB once PostgreSQL compressed a test plan's), where the older JSON map of one digest per id took 1.2 MB.
 *
 * Layout: a version byte, then one 44-byte entry per activity sorted by its id's hash: 8 bytes of the id's hash (the
 * id itself is not needed, only found again), then 3 bytes per field in DIGESTED_FIELDS' order.
 */
import * as Y from 'yjs';
import { ACTIVITY_KEYS, activityIdOf, readActivity, type Activity, type ActivityKey } from '../../shared/planModel.js';

/** The fields told apart, in the table's column order (every key of the contract's activity but its id). */
export const DIGESTED_FIELDS: readonly Exclude<ActivityKey, 'id'>[] = ACTIVITY_KEYS.filter((k): k is Exclude<ActivityKey, 'id'> => k !== 'id');

const VERSION = 1;
const ID_BYTES = 8;
const FIELD_BYTES = 3;
const ENTRY_BYTES = ID_BYTES + FIELD_BYTES * DIGESTED_FIELDS.length;

/**
 * A fast 64-bit string hash (cyrb53's mixing, both halves kept). Not for secrecy: it only tells values apart, and
 * 20,000 rows × 12 fields through node:crypto took a second of the event loop on every visit, this a tenth of it.
 */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 >>> 0, h1 >>> 0];
}

function writeIdHash(out: Uint8Array, at: number, id: string): void {
  const [hi, lo] = hash64(id);
  const view = new DataView(out.buffer, out.byteOffset + at, ID_BYTES);
  view.setUint32(0, hi);
  view.setUint32(4, lo);
}

/** One activity's entry: its id's hash, then a 24-bit hash per field (a missed change: one in 16 million). */
function entryOf(id: string, activity: Activity): Uint8Array {
  const entry = new Uint8Array(ENTRY_BYTES);
  writeIdHash(entry, 0, id);
  DIGESTED_FIELDS.forEach((field, i) => {
    const h = hash64(JSON.stringify(activity[field]))[1];
    const at = ID_BYTES + i * FIELD_BYTES;
    entry[at] = h >>> 16;
    entry[at + 1] = (h >>> 8) & 0xff;
    entry[at + 2] = h & 0xff;
  });
  return entry;
}

function compareIds(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < ID_BYTES; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Entries of the rows whose id is in `only` (every row without it), by id; ids held by two rows are left out (which one was meant is unknown). */
export function fieldEntries(rows: Y.Array<Y.Map<unknown>>, only?: ReadonlySet<string>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const twice = new Set<string>();
  rows.forEach((row) => {
    if (!(row instanceof Y.Map)) return;
    const id = activityIdOf(row);
    if (!id || (only && !only.has(id))) return;
    if (out.has(id)) twice.add(id);
    out.set(id, entryOf(id, readActivity(row)));
  });
  for (const id of twice) out.delete(id);
  return out;
}

/** The packed digests of these entries, to keep with a visit. */
export function packFieldDigests(entries: Iterable<Uint8Array>): Uint8Array {
  const sorted = [...entries].sort(compareIds);
  const out = new Uint8Array(1 + sorted.length * ENTRY_BYTES);
  out[0] = VERSION;
  sorted.forEach((entry, i) => out.set(entry, 1 + i * ENTRY_BYTES));
  return out;
}

/** A visit's packed digests, read: an activity's entry found by its id. */
export interface FieldDigestSet {
  /** The entry kept for `id`, or null when the visit did not know it (or two rows shared it then). */
  entryOf(id: string): Uint8Array | null;
}

/** Reads packed digests; null when they are of a layout this version does not know (read as if none were kept). */
export function readFieldDigests(bytes: Uint8Array): FieldDigestSet | null {
  if (bytes.length < 1 || bytes[0] !== VERSION || (bytes.length - 1) % ENTRY_BYTES !== 0) return null;
  const count = (bytes.length - 1) / ENTRY_BYTES;
  const key = new Uint8Array(ID_BYTES);
  return {
    entryOf(id) {
      writeIdHash(key, 0, id);
      // Binary search over the sorted entries: a read looks up only the few activities others touched.
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = 1 + mid * ENTRY_BYTES;
        const entry = bytes.subarray(at, at + ENTRY_BYTES);
        const c = compareIds(entry, key);
        if (c === 0) return entry;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return null;
    },
  };
}

/** The fields whose digests differ between two entries of the same activity, in column order. */
export function fieldsDiffering(then: Uint8Array, now: Uint8Array): string[] {
  return DIGESTED_FIELDS.filter((_, i) => {
    const at = ID_BYTES + i * FIELD_BYTES;
    return then[at] !== now[at] || then[at + 1] !== now[at + 1] || then[at + 2] !== now[at + 2];
  });
}
