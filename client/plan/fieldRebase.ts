/**
 * Two people typing in one activity text field at once. The contract keeps activity fields as plain strings in
 * a Y.Map, so each keystroke writes the whole value and Yjs keeps one of two concurrent writes: the other
 * person's keystrokes vanish. The losing client can tell, because a map value's item names as its origin the
 * value its writer last saw: when the winner's chain of origins does not reach this client's latest write, the
 * edits made here since the nearest common value are lost, and this client writes them again on top of the
 * winner (a three-way merge). Only the loser rebases (the winner's own value stands), so nothing is applied twice.
 * The list fields (partners, states, municipalities: plain string arrays) are sets, merged the same way: what either
 * side added is in, what either removed is out.
 */
import * as Y from 'yjs';
import { getActivities, type ActivityKey } from '../../shared/planModel.js';
import { diffSequences } from '../../shared/textDiff.js';

/** The free-text fields of an activity: the only ones where merging what two people typed makes sense. */
export const MERGED_TEXT_FIELDS: ReadonlySet<ActivityKey> = new Set<ActivityKey>(['title', 'description', 'target', 'indicator']);
/** The list fields of an activity, merged as sets. */
export const MERGED_LIST_FIELDS: ReadonlySet<ActivityKey> = new Set<ActivityKey>(['partnerOrganizationIds', 'stateCodes', 'municipalityCodes']);

/** A merged field's value: a text, or a list of codes or ids. */
type FieldValue = string | readonly string[];

/**
 * Values remembered per field (written here or seen as current), and their characters at most. Each keystroke is a
 * value: someone who typed 300 characters offline while another typed 300 online had pushed the common value out
 * of a history of 200, and one side's typing was lost. Past either bound the oldest go.
 */
const HISTORY_LIMIT = 5000;
const HISTORY_CHARS = 1_000_000;
/** How far back a chain of values is followed. */
const CHAIN_LIMIT = 10_000;

interface FieldState {
  /** Item id ("client:clock") → the value it holds. */
  values: Map<string, FieldValue>;
  /** Characters held in `values`. */
  chars: number;
  /** This client's latest write to the field. */
  latest: Y.ID | undefined;
}

const fields = new WeakMap<Y.Map<unknown>, Map<string, FieldState>>();

const idKey = (id: Y.ID): string => `${id.client}:${id.clock}`;

function stateOf(row: Y.Map<unknown>, key: string): FieldState {
  let byKey = fields.get(row);
  if (!byKey) fields.set(row, (byKey = new Map()));
  let state = byKey.get(key);
  if (!state) byKey.set(key, (state = { values: new Map(), chars: 0, latest: undefined }));
  return state;
}

const sizeOf = (value: FieldValue): number => (typeof value === 'string' ? value.length : value.reduce((n, x) => n + x.length + 1, 0));

function remember(state: FieldState, id: Y.ID, value: FieldValue): void {
  const key = idKey(id);
  if (state.values.has(key)) return;
  state.values.set(key, value);
  state.chars += sizeOf(value);
  while (state.values.size > 1 && (state.values.size > HISTORY_LIMIT || state.chars > HISTORY_CHARS)) {
    const [oldest, dropped] = state.values.entries().next().value as [string, FieldValue];
    state.values.delete(oldest);
    state.chars -= sizeOf(dropped);
  }
}

/** The item holding a map entry's current value (Yjs keeps it in the type's `_map`). */
export function currentItem(row: Y.Map<unknown>, key: string): Y.Item | undefined {
  return (row as unknown as { _map: Map<string, Y.Item> })._map.get(key);
}

/** The text or list of strings an entry's item holds (anything else, a Y.Array say, is not merged). */
function valueIn(item: Y.Item | undefined): FieldValue | undefined {
  if (!item || item.deleted) return undefined;
  const [value] = item.content.getContent() as unknown[];
  if (typeof value === 'string') return value;
  return Array.isArray(value) && value.every((x) => typeof x === 'string') ? (value as string[]) : undefined;
}

/** `from` and the ids of the values before it, nearest first (exact ids: merged deleted items are stepped through). */
export function* originsOf(store: Y.Doc['store'], from: Y.ID | null): Generator<Y.ID> {
  let id = from;
  for (let steps = 0; id && steps < CHAIN_LIMIT; steps++) {
    yield id;
    const item = Y.getItem(store, id) as Y.Item | Y.GC | undefined;
    if (!(item instanceof Y.Item)) return;
    // Consecutive deleted values of one client may have been merged into one item: each one's origin is the one before.
    id = id.clock > item.id.clock ? Y.createID(id.client, id.clock - 1) : item.origin;
  }
}

/** Writes a text field, remembering what it replaced and what it wrote (for `rebaseField`). */
export function writeTextField(row: Y.Map<unknown>, key: ActivityKey, value: string): void {
  writeMergedField(row, key, value);
}

/** Writes a list field (partners, states, municipalities), remembering as writeTextField does. */
export function writeListField(row: Y.Map<unknown>, key: ActivityKey, value: readonly string[]): void {
  writeMergedField(row, key, [...value]);
}

function writeMergedField(row: Y.Map<unknown>, key: ActivityKey, value: FieldValue): void {
  const state = stateOf(row, key);
  const before = currentItem(row, key);
  const previous = valueIn(before);
  if (before && previous !== undefined) remember(state, before.id, previous);
  const write = () => row.set(key, value);
  if (row.doc) row.doc.transact(write);
  else write();
  const written = currentItem(row, key);
  if (written) {
    state.latest = written.id;
    remember(state, written.id, value);
  }
}

/** Records a local change made other than through writeTextField (an undo, say) as this client's latest write. */
function noteLocalWrite(row: Y.Map<unknown>, key: ActivityKey): void {
  const item = currentItem(row, key);
  const value = valueIn(item);
  const state = fields.get(row)?.get(key);
  if (!item || value === undefined || !state || item.id.client !== row.doc?.clientID) return;
  state.latest = item.id;
  remember(state, item.id, value);
}

/**
 * After someone else's change to a text field: if it replaced edits made here that its writer had not seen,
 * writes them again on top of it. Returns the merged value written, or undefined when nothing was lost. Either
 * way this client's pending write is settled: a later change must not bring an old edit back.
 */
export function rebaseField(row: Y.Map<unknown>, key: ActivityKey): FieldValue | undefined {
  const doc = row.doc;
  const state = fields.get(row)?.get(key);
  const winner = currentItem(row, key);
  const theirs = valueIn(winner);
  if (!doc || !state?.latest || !winner || theirs === undefined) return undefined;
  remember(state, winner.id, theirs);
  const mine = state.latest;
  if (winner.id.client === doc.clientID) return undefined; // this client's value stands
  const merged = mergedOver(doc, state, mine, winner, theirs);
  state.latest = undefined;
  if (merged === undefined || sameValue(merged, theirs)) return undefined;
  writeMergedField(row, key, merged);
  return merged;
}

const sameValue = (a: FieldValue, b: FieldValue): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.length === b.length && a.every((x, i) => x === b[i]);

/** Three-way merge of two values of one field: texts as mergeText, lists as sets; undefined for mixed kinds. */
function mergeValues(base: FieldValue, ours: FieldValue, theirs: FieldValue): FieldValue | undefined {
  if (typeof base === 'string' && typeof ours === 'string' && typeof theirs === 'string') return mergeText(base, ours, theirs);
  if (typeof base !== 'string' && typeof ours !== 'string' && typeof theirs !== 'string') return mergeList(base, ours, theirs);
  return undefined;
}

/** Three-way merge of two edits of a list taken as a set: theirs, less what we removed, plus what we added. */
export function mergeList(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const removed = new Set(base.filter((x) => !ours.includes(x)));
  const merged = theirs.filter((x) => !removed.has(x));
  for (const x of ours) if (!base.includes(x) && !merged.includes(x)) merged.push(x);
  return merged;
}

/** What the field should hold once this client's edits since its latest write are put back on `theirs` (undefined: nothing lost). */
function mergedOver(doc: Y.Doc, state: FieldState, mine: Y.ID, winner: Y.Item, theirs: FieldValue): FieldValue | undefined {
  const ours = state.values.get(idKey(mine));
  if (ours === undefined) return undefined;
  // Our latest write and the values it was built on (mine first).
  const ourChain = new Set<string>();
  for (const id of originsOf(doc.store, mine)) ourChain.add(idKey(id));
  for (const id of originsOf(doc.store, winner.origin)) {
    // The winner's writer had seen this client's latest value (or a later one): nothing of ours is missing.
    if (id.client === mine.client && id.clock >= mine.clock) return undefined;
    const base = ourChain.has(idKey(id)) ? state.values.get(idKey(id)) : undefined;
    if (base !== undefined) return sameValue(base, ours) ? undefined : mergeValues(base, ours, theirs);
  }
  // The common value is no longer known (a very long divergence, or a chain past its limit), yet the winner did not
  // see our latest write. The characters both hold stand in for it: nothing either typed is lost, though a deletion
  // only one side made may come back. Better than dropping one person's typing without a word.
  if (typeof ours === 'string' && typeof theirs === 'string') return mergeText(commonCharacters(ours, theirs), ours, theirs);
  if (typeof ours !== 'string' && typeof theirs !== 'string') return mergeList(ours.filter((x) => theirs.includes(x)), ours, theirs);
  return undefined;
}

/** The characters two texts share, in order (their longest common subsequence, coarse past MAX_CHARACTER_EDITS). */
export function commonCharacters(a: string, b: string): string {
  let common = '';
  for (const run of diffSequences([...a], [...b], MAX_CHARACTER_EDITS)) if (run.op === 'equal') common += run.items.join('');
  return common;
}

interface Change {
  /** Replaced range of the base. */
  from: number;
  to: number;
  text: string;
}

/** The one contiguous change that turns `base` into `next` (common prefix and suffix kept). */
export function changeBetween(base: string, next: string): Change {
  let start = 0;
  const shorter = Math.min(base.length, next.length);
  while (start < shorter && base[start] === next[start]) start++;
  let end = 0;
  while (end < shorter - start && base[base.length - 1 - end] === next[next.length - 1 - end]) end++;
  return { from: start, to: base.length - end, text: next.slice(start, next.length - end) };
}

/** Past this many character edits between two versions of a field, its middle counts as one change. */
const MAX_CHARACTER_EDITS = 400;

/** The changes (in base positions, in order) that turn `base` into `next`, character by character. */
export function changesBetween(base: string, next: string): Change[] {
  const out: Change[] = [];
  let at = 0;
  let open: Change | undefined;
  for (const run of diffSequences([...base], [...next], MAX_CHARACTER_EDITS)) {
    const text = run.items.join('');
    if (run.op === 'equal') {
      if (open) out.push(open);
      open = undefined;
      at += text.length;
      continue;
    }
    open ??= { from: at, to: at, text: '' };
    if (run.op === 'delete') {
      at += text.length;
      open.to = at;
    } else open.text += text;
  }
  if (open) out.push(open);
  return out;
}

/**
 * Three-way merge of two edits of `base`, as both people meant them: every character either deleted is gone,
 * everything either typed is there, at the place it was typed (at one spot, theirs first). So nothing typed is
 * lost and nothing deleted comes back; only where both changed the same characters do both texts stand side by side.
 */
export function mergeText(base: string, ours: string, theirs: string): string {
  const changes = [...changesBetween(base, theirs).map((c) => ({ ...c, side: 0 })), ...changesBetween(base, ours).map((c) => ({ ...c, side: 1 }))].sort(
    (x, y) => x.from - y.from || x.side - y.side,
  );
  const chars = [...base];
  const deleted = new Uint8Array(chars.length + 1);
  for (const c of changes) deleted.fill(1, c.from, c.to);
  let out = '';
  let next = 0;
  for (let i = 0; i <= chars.length; i++) {
    while (next < changes.length && changes[next].from === i) out += changes[next++].text;
    if (i < chars.length && !deleted[i]) out += chars[i];
  }
  return out;
}

/** Keeps concurrent edits of activity text and list fields: rebases this client's lost edits after remote changes. */
export function installFieldRebase(doc: Y.Doc): () => void {
  const activities = getActivities(doc);
  const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tr: Y.Transaction) => {
    for (const event of events) {
      if (!(event instanceof Y.YMapEvent) || !(event.target instanceof Y.Map) || event.target.parent !== activities) continue;
      for (const key of event.keysChanged) {
        if (!MERGED_TEXT_FIELDS.has(key as ActivityKey) && !MERGED_LIST_FIELDS.has(key as ActivityKey)) continue;
        if (tr.local) noteLocalWrite(event.target, key as ActivityKey);
        else rebaseField(event.target, key as ActivityKey);
      }
    }
  };
  activities.observeDeep(onChange);
  return () => activities.unobserveDeep(onChange);
}
