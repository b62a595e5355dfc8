/**
 * Makes a live plan's content equal to a version's as ordinary Yjs operations (a new forward change):
 * only the blocks and activity fields that differ are touched, so edits elsewhere survive a restore.
 * A changed block paired with a similar one of the same kind (name and attributes; see restoreAlign)
 * is edited in place down to its characters, so comment anchors on words that are still there hold,
 * and typing during the restore is kept.
 */
import * as Y from 'yjs';
import { activityIdOf, getActivities, getBody } from '../../shared/planModel.js';
import { alignChildren, type BodyNode, type Pair } from './restoreAlign.js';
import { editText, keyOf } from './restoreText.js';
import { cloneYValue } from './yClone.js';

type Container = Y.XmlFragment | Y.XmlElement;

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/**
 * The children a restore may write: elements, texts and hooks. Plans stored before the server refused anything else
 * in the body's tree (a client's `getText('body')`) may hold characters or values there; they are left out.
 */
function bodyNodesOf(container: Container): BodyNode[] {
  return container.toArray().filter((node: unknown): node is BodyNode => node instanceof Y.XmlElement || node instanceof Y.XmlText || node instanceof Y.XmlHook);
}

/** Makes target's children equal to `wanted`: aligned children stay (edited in place when changed), the others are replaced. */
function restoreChildren(target: Container, wanted: BodyNode[]): void {
  const current = target.toArray();
  const end: Pair = { current: current.length, wanted: wanted.length, exact: true };
  let at = 0;
  let c = 0;
  let w = 0;
  for (const pair of [...alignChildren(current, wanted), end]) {
    if (pair.current > c) target.delete(at, pair.current - c);
    if (pair.wanted > w) {
      target.insert(at, wanted.slice(w, pair.wanted).map((node) => cloneYValue(node) as Y.XmlElement | Y.XmlText));
      at += pair.wanted - w;
    }
    if (pair !== end) {
      const node = current[pair.current];
      const want = wanted[pair.wanted];
      // Pairs are of one kind: two plain texts, or two elements of the same name and attributes.
      if (!pair.exact && node instanceof Y.XmlText && want instanceof Y.XmlText) editText(node, want);
      else if (!pair.exact && node instanceof Y.XmlElement && want instanceof Y.XmlElement) restoreChildren(node, bodyNodesOf(want));
      at++;
    }
    c = pair.current + 1;
    w = pair.wanted + 1;
  }
}

function syncRow(row: Y.Map<unknown>, wanted: Y.Map<unknown>): void {
  for (const [key, value] of wanted.entries()) {
    if (keyOf(plain(row.get(key))) !== keyOf(plain(value))) row.set(key, cloneYValue(value));
  }
  for (const key of [...row.keys()]) if (!wanted.has(key)) row.delete(key);
}

function cloneRow(wanted: Y.Map<unknown>): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const [key, value] of wanted.entries()) row.set(key, cloneYValue(value));
  return row;
}

function restoreActivities(target: Y.Array<Y.Map<unknown>>, source: Y.Array<Y.Map<unknown>>): void {
  const seenWanted = new Set<string>();
  const wanted = source.toArray().filter((row) => {
    const id = activityIdOf(row);
    if (!id || seenWanted.has(id)) return false;
    seenWanted.add(id);
    return true;
  });
  // Drop rows the version does not have (and id-less or duplicate rows), from the end so indexes hold.
  const kept = new Set<string>();
  const keep = target.toArray().map((row) => {
    const id = activityIdOf(row);
    if (!id || !seenWanted.has(id) || kept.has(id)) return false;
    kept.add(id);
    return true;
  });
  for (let i = keep.length - 1; i >= 0; i--) if (!keep[i]) target.delete(i, 1);
  // Then walk the version's order: update rows in place, move or insert the others.
  wanted.forEach((source, i) => {
    const id = activityIdOf(source);
    const row = i < target.length ? target.get(i) : undefined;
    if (row && activityIdOf(row) === id) return syncRow(row, source);
    const later = target.toArray().findIndex((r, j) => j > i && activityIdOf(r) === id);
    if (later >= 0) target.delete(later, 1);
    target.insert(i, [cloneRow(source)]);
  });
}

/** Rewrites `target`'s body and activities to equal `source`'s; call inside one transaction on target. */
export function restorePlan(target: Y.Doc, source: Y.Doc): void {
  restoreChildren(getBody(target), bodyNodesOf(getBody(source)));
  restoreActivities(getActivities(target), getActivities(source));
}
