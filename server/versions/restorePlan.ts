/**
 * Makes a live plan's content equal to a version's as ordinary Yjs operations (a new forward change):
 * only the blocks and activity fields that differ are touched, so edits elsewhere survive a restore.
 */
import * as Y from 'yjs';
import { getActivities, getBody } from '../../shared/planModel.js';
import { diffSequences } from '../../shared/textDiff.js';

type BodyNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** A comparable text for any value Yjs stores: JSON, with bigints (which JSON.stringify refuses) spelled out. */
function keyOf(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? 'undefined';
}

function blockKey(node: BodyNode): string {
  if (node instanceof Y.XmlText) return 'text:' + keyOf(node.toDelta());
  if (node instanceof Y.XmlElement) return 'el:' + node.toString();
  return 'hook:' + keyOf(node.toJSON());
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function cloneValue<T>(value: T): T {
  return value instanceof Y.AbstractType ? (value.clone() as T) : value;
}

function restoreBody(target: Y.XmlFragment, source: Y.XmlFragment): void {
  const current = target.toArray();
  const wanted = source.toArray();
  // Top-level blocks are compared whole: equal ones stay (with their identity), the rest are replaced.
  const runs = diffSequences(current.map(blockKey), wanted.map(blockKey), 5000);
  let at = 0;
  let from = 0;
  for (const run of runs) {
    const n = run.items.length;
    if (run.op === 'equal') {
      at += n;
      from += n;
    } else if (run.op === 'delete') {
      target.delete(at, n);
    } else {
      target.insert(at, wanted.slice(from, from + n).map((node) => node.clone() as Y.XmlElement | Y.XmlText));
      at += n;
      from += n;
    }
  }
}

function idOf(row: unknown): string | undefined {
  if (!(row instanceof Y.Map)) return undefined;
  const id = row.get('id');
  return typeof id === 'string' && id ? id : undefined;
}

function syncRow(row: Y.Map<unknown>, wanted: Y.Map<unknown>): void {
  for (const [key, value] of wanted.entries()) {
    if (keyOf(plain(row.get(key))) !== keyOf(plain(value))) row.set(key, cloneValue(value));
  }
  for (const key of [...row.keys()]) if (!wanted.has(key)) row.delete(key);
}

function cloneRow(wanted: Y.Map<unknown>): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const [key, value] of wanted.entries()) row.set(key, cloneValue(value));
  return row;
}

function restoreActivities(target: Y.Array<Y.Map<unknown>>, source: Y.Array<Y.Map<unknown>>): void {
  const seenWanted = new Set<string>();
  const wanted = source.toArray().filter((row) => {
    const id = idOf(row);
    if (!id || seenWanted.has(id)) return false;
    seenWanted.add(id);
    return true;
  });
  // Drop rows the version does not have (and id-less or duplicate rows), from the end so indexes hold.
  const kept = new Set<string>();
  const keep = target.toArray().map((row) => {
    const id = idOf(row);
    if (!id || !seenWanted.has(id) || kept.has(id)) return false;
    kept.add(id);
    return true;
  });
  for (let i = keep.length - 1; i >= 0; i--) if (!keep[i]) target.delete(i, 1);
  // Then walk the version's order: update rows in place, move or insert the others.
  wanted.forEach((source, i) => {
    const id = idOf(source);
    const row = i < target.length ? target.get(i) : undefined;
    if (row && idOf(row) === id) return syncRow(row, source);
    const later = target.toArray().findIndex((r, j) => j > i && idOf(r) === id);
    if (later >= 0) target.delete(later, 1);
    target.insert(i, [cloneRow(source)]);
  });
}

/** Rewrites `target`'s body and activities to equal `source`'s; call inside one transaction on target. */
export function restorePlan(target: Y.Doc, source: Y.Doc): void {
  restoreBody(getBody(target), getBody(source));
  restoreActivities(getActivities(target), getActivities(source));
}
