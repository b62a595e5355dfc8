/**
 * Makes a live plan's content equal to a version's as ordinary Yjs operations (a new forward change):
 * only the blocks and activity fields that differ are touched, so edits elsewhere survive a restore.
 * A changed block of the same kind (name and attributes) is edited in place down to its characters,
 * so comment anchors on words that are still there hold, and typing during the restore is kept.
 */
import * as Y from 'yjs';
import { getActivities, getBody } from '../../shared/planModel.js';
import { diffSequences } from '../../shared/textDiff.js';
import { editText, isPlainText, keyOf, plainOf } from './restoreText.js';

type BodyNode = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Container = Y.XmlFragment | Y.XmlElement;

/** Largest changed stretch (current × wanted nodes) aligned by similarity; a larger one pairs nodes in order. */
const MAX_ALIGN_CELLS = 10_000;

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function cloneValue<T>(value: T): T {
  return value instanceof Y.AbstractType ? (value.clone() as T) : value;
}

function attrsKey(node: Y.XmlElement | Y.XmlText): string {
  return keyOf(Object.fromEntries(Object.entries(node.getAttributes()).map(([k, v]) => [k, plain(v)])));
}

/** Equal keys mean equal content. Concatenated, not nested JSON: escaping would grow with the depth. */
function exactKey(node: BodyNode): string {
  if (node instanceof Y.XmlText) return 'text:' + attrsKey(node) + keyOf(node.toDelta());
  if (node instanceof Y.XmlElement) return '<' + JSON.stringify(node.nodeName) + attrsKey(node) + '>' + node.toArray().map(exactKey).join('') + '</>';
  return 'hook:' + keyOf(node.toJSON());
}

/** Nodes of the same kind are edited in place; null for those only ever replaced (hooks, texts with embeds). */
function kindOf(node: BodyNode): string | null {
  if (node instanceof Y.XmlText) return isPlainText(node) ? 'text:' + attrsKey(node) : null;
  if (node instanceof Y.XmlElement) return 'el:' + JSON.stringify(node.nodeName) + attrsKey(node);
  return null;
}

function textOf(node: BodyNode): string {
  if (node instanceof Y.XmlText) return plainOf(node);
  return node instanceof Y.XmlElement ? node.toArray().map(textOf).join('') : '';
}

/** Common prefix plus common suffix: cheap, and enough to tell an edited paragraph from a new one. */
function similarity(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  let p = 0;
  while (p < most && a[p] === b[p]) p++;
  let s = 0;
  while (s < most - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return p + s;
}

/** Pairs of same-kind nodes (indexes into `current` and `wanted`, ascending) to edit in place. */
function align(current: BodyNode[], wanted: BodyNode[]): Array<[number, number]> {
  const kc = current.map(kindOf);
  const kw = wanted.map(kindOf);
  const n = current.length;
  const m = wanted.length;
  const pairs: Array<[number, number]> = [];
  if (n * m > MAX_ALIGN_CELLS) {
    // Too large to weigh every pair: same-kind nodes pair in order (a null kind never matches).
    const tokens = (kinds: Array<string | null>, side: string) => kinds.map((k, i) => k ?? `-${side}${i}`);
    let i = 0;
    let j = 0;
    for (const run of diffSequences(tokens(kc, 'a'), tokens(kw, 'b'), 5000)) {
      if (run.op === 'equal') for (let r = 0; r < run.items.length; r++) pairs.push([i++, j++]);
      else if (run.op === 'delete') i += run.items.length;
      else j += run.items.length;
    }
    return pairs;
  }
  // Weighted alignment: pair as many same-kind nodes as possible, preferring the most similar text,
  // so an edited paragraph pairs with its version rather than with a paragraph added next to it.
  const tc = current.map(textOf);
  const tw = wanted.map(textOf);
  const score = (i: number, j: number) => (kc[i] !== null && kc[i] === kw[j] ? 1 + similarity(tc[i], tw[j]) : 0);
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    const s = score(i, j);
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) pairs.push([i++, j++]);
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}

/** Replaces the changed stretch `gone` (at `at` in target) by `coming`, editing paired nodes in place; returns the index after it. */
function rework(target: Container, at: number, gone: BodyNode[], coming: BodyNode[]): number {
  let g = 0;
  let w = 0;
  for (const [pg, pw] of [...align(gone, coming), [gone.length, coming.length]]) {
    if (pg > g) target.delete(at, pg - g);
    if (pw > w) {
      target.insert(at, coming.slice(w, pw).map((node) => node.clone() as Y.XmlElement | Y.XmlText));
      at += pw - w;
    }
    if (pg < gone.length) {
      const node = gone[pg];
      const want = coming[pw];
      if (node instanceof Y.XmlText && want instanceof Y.XmlText) editText(node, want);
      else if (node instanceof Y.XmlElement && want instanceof Y.XmlElement) restoreChildren(node, want.toArray());
      at++;
    }
    g = pg + 1;
    w = pw + 1;
  }
  return at;
}

/** Makes target's children equal to `wanted`: equal nodes stay, changed stretches are reworked. */
function restoreChildren(target: Container, wanted: BodyNode[]): void {
  const current = target.toArray();
  const runs = diffSequences(current.map(exactKey), wanted.map(exactKey), 5000);
  let at = 0;
  let c = 0;
  let w = 0;
  let gone: BodyNode[] = [];
  let coming: BodyNode[] = [];
  for (const run of runs) {
    const n = run.items.length;
    if (run.op === 'delete') gone = gone.concat(current.slice(c, c + n));
    if (run.op === 'insert') coming = coming.concat(wanted.slice(w, w + n));
    if (run.op === 'equal') {
      at = rework(target, at, gone, coming) + n;
      gone = [];
      coming = [];
    }
    if (run.op !== 'insert') c += n;
    if (run.op !== 'delete') w += n;
  }
  rework(target, at, gone, coming);
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
  restoreChildren(getBody(target), getBody(source).toArray());
  restoreActivities(getActivities(target), getActivities(source));
}
