/**
 * Decides which of a container's current children become which of the wanted ones when a version is
 * restored: an order-preserving alignment maximizing the content kept in place. Identical blocks weigh
 * the most, same-kind blocks with similar text (edited in place afterwards) weigh by their similarity,
 * and blocks that are not similar are never paired: pairing them would character-edit one paragraph into
 * another, carrying its comments (relative positions) to the wrong text. A moved block is deleted and
 * re-inserted when the edited blocks it crosses hold more content than it does. Every comparison reads
 * a bounded number of characters, and past a fixed size the comparisons grow linearly with the blocks.
 */
import * as Y from 'yjs';
import { diffSequences } from '../../shared/textDiff.js';
import { keyOf } from './restoreText.js';

export type BodyNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Current child `current` stays as wanted child `wanted`: as is when `exact`, else edited in place. */
export interface Pair {
  current: number;
  wanted: number;
  exact: boolean;
}

/** Largest stretch (current × wanted children) aligned by one exhaustive weighted alignment. */
const MAX_DP_CELLS = 40_000;
/** Beyond that, windows of this many children per side, each committing the first half of its best path. */
const WINDOW = 32;
/** Characters compared at each end of two texts: bounds a comparison, enough to tell paragraphs apart. */
const EDGE = 200;
/** Below this similarity (0..1) same-kind blocks are replaced, not edited into one another. */
const MIN_SIMILARITY = 0.5;
/** Beyond this many block edits the exact diff gives up: its trace costs O(D²) memory. */
const MAX_BLOCK_EDITS = 1000;
/**
 * Dissimilar containers of one kind (lists, tables) still pair when nothing better claims them: their
 * children are aligned again by similarity, so no text is edited into unrelated text, and the similar
 * items inside keep their place even when the container's text as a whole changed a lot.
 */
const CONTAINER_WEIGHT = 0.01;

/** What alignment needs of a node, computed once: comparisons then cost O(EDGE). */
interface Profile {
  id: number;
  kind: string | null;
  container: boolean;
  length: number;
  head: string;
  tail: string;
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function attrsKey(node: Y.XmlElement | Y.XmlText): string {
  return keyOf(Object.fromEntries(Object.entries(node.getAttributes()).map(([k, v]) => [k, plain(v)])));
}

interface Described {
  /** Equal keys mean equal content. Concatenated, not nested JSON: escaping would grow with the depth. */
  key: string;
  /** The characters without marks, embeds skipped: what similarity compares. */
  text: string;
  /** A text holding characters only, the kind `editText` edits in place. */
  plain: boolean;
}

/** Key and text in one pass, each text's delta read once: the costliest part of aligning a large plan. */
function describe(node: BodyNode): Described {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as Array<{ insert: unknown }>;
    const plain = delta.every((op) => typeof op.insert === 'string');
    const text = delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    return { key: 'text:' + attrsKey(node) + keyOf(delta), text, plain };
  }
  if (node instanceof Y.XmlElement) {
    const parts = node.toArray().map(describe);
    const key = '<' + JSON.stringify(node.nodeName) + attrsKey(node) + '>' + parts.map((p) => p.key).join('') + '</>';
    return { key, text: parts.map((p) => p.text).join(''), plain: false };
  }
  // A hook, or anything else a plan stored before only elements and texts were let into the body (never paired).
  return { key: 'hook:' + keyOf(plain(node)), text: '', plain: false };
}

/** Interning the exact keys makes every later equality test an integer comparison, however large the block. */
function profileOf(node: BodyNode, ids: Map<string, number>): Profile {
  const { key, text, plain } = describe(node);
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  // Same kind, edited in place: same name and attributes, or plain texts with the same attributes.
  // Hooks and texts with embeds have none: they are only ever kept as they are or replaced.
  let kind: string | null = null;
  if (node instanceof Y.XmlText && plain) kind = 'text:' + attrsKey(node);
  if (node instanceof Y.XmlElement) kind = 'el:' + JSON.stringify(node.nodeName) + attrsKey(node);
  const container = node instanceof Y.XmlElement && node.toArray().some((child) => child instanceof Y.XmlElement);
  return { id, kind, container, length: text.length, head: text.slice(0, EDGE), tail: text.slice(-EDGE) };
}

function commonPrefix(a: string, b: string): number {
  if (a === b) return a.length;
  const most = Math.min(a.length, b.length);
  let p = 0;
  while (p < most && a[p] === b[p]) p++;
  return p;
}

function commonSuffix(a: string, b: string): number {
  if (a === b) return a.length;
  const most = Math.min(a.length, b.length);
  let s = 0;
  while (s < most && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return s;
}

/** Dice coefficient of the common prefix and suffix, over at most EDGE characters at each end of either text. */
function similarity(a: Profile, b: Profile): number {
  if (a.length === 0 && b.length === 0) return 1;
  const p = commonPrefix(a.head, b.head);
  const s = Math.min(commonSuffix(a.tail, b.tail), Math.min(a.length, b.length) - p);
  return (2 * (p + s)) / (Math.min(a.length, 2 * EDGE) + Math.min(b.length, 2 * EDGE));
}

/** Content kept in place by pairing a and b, in characters; 0 when they must not pair. */
function weight(a: Profile, b: Profile): number {
  // Above any pair of a or b with another node, so pairing equal neighbours first is always optimal.
  if (a.id === b.id) return 2 + a.length;
  if (a.kind === null || a.kind !== b.kind) return 0;
  const s = similarity(a, b);
  if (s >= MIN_SIMILARITY) return 1 + s * Math.min(a.length, b.length);
  return a.container && b.container ? CONTAINER_WEIGHT : 0;
}

type Weigh = (i: number, j: number) => number;

const PAIR = 0;
const DELETE = 1;
const INSERT = 2;

/**
 * The best-weight alignment of current[i0, i1) with wanted[j0, j1), walked from its start for at most
 * `steps` moves (each move passes one current child, one wanted child, or one of each when paired).
 * Ties between deleting and inserting go to the side with more children left, so a window finding
 * no pair moves along that side and the alignment follows insertions or deletions longer than a window.
 */
function walk(w: Weigh, i0: number, i1: number, j0: number, j1: number, preferDelete: boolean, steps: number) {
  const cols = j1 - j0 + 1;
  const best = new Float64Array((i1 - i0 + 1) * cols);
  const move = new Uint8Array(best.length);
  for (let i = i1 - i0 - 1; i >= 0; i--) move[i * cols + cols - 1] = DELETE;
  for (let j = j1 - j0 - 1; j >= 0; j--) move[(i1 - i0) * cols + j] = INSERT;
  for (let i = i1 - i0 - 1; i >= 0; i--) {
    for (let j = j1 - j0 - 1; j >= 0; j--) {
      const c = i * cols + j;
      const down = best[c + cols];
      const right = best[c + 1];
      let value = Math.max(down, right);
      move[c] = (preferDelete ? down >= right : down > right) ? DELETE : INSERT;
      const s = w(i0 + i, j0 + j);
      if (s > 0 && s + best[c + cols + 1] >= value) {
        value = s + best[c + cols + 1];
        move[c] = PAIR;
      }
      best[c] = value;
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  for (let taken = 0; taken < steps && (i < i1 - i0 || j < j1 - j0); taken++) {
    const m = move[i * cols + j];
    if (m === PAIR) pairs.push([i0 + i, j0 + j]);
    if (m !== INSERT) i++;
    if (m !== DELETE) j++;
  }
  return { pairs, i: i0 + i, j: j0 + j };
}

/** Pairs in current[i0, i1) × wanted[j0, j1): exhaustively when small, else window by window (O((n + m) · WINDOW) comparisons). */
function alignStretch(w: Weigh, i0: number, i1: number, j0: number, j1: number): Array<[number, number]> {
  if ((i1 - i0) * (j1 - j0) <= MAX_DP_CELLS) return walk(w, i0, i1, j0, j1, true, Infinity).pairs;
  const pairs: Array<[number, number]> = [];
  let i = i0;
  let j = j0;
  while (i < i1 && j < j1) {
    const ie = Math.min(i1, i + WINDOW);
    const je = Math.min(j1, j + WINDOW);
    // The window's end is arbitrary unless it is the stretch's: only the first half of its path is kept.
    const last = ie === i1 && je === j1;
    const step = walk(w, i, ie, j, je, i1 - i >= j1 - j, last ? Infinity : WINDOW);
    for (const pair of step.pairs) pairs.push(pair);
    i = step.i;
    j = step.j;
  }
  return pairs;
}

/** Pairs of current and wanted children (ascending on both sides) kept in place; the others are deleted or inserted. */
export function alignChildren(current: BodyNode[], wanted: BodyNode[]): Pair[] {
  const ids = new Map<string, number>();
  const pc = current.map((node) => profileOf(node, ids));
  const pw = wanted.map((node) => profileOf(node, ids));
  const w: Weigh = (i, j) => weight(pc[i], pw[j]);
  const pairs: Array<[number, number]> = [];
  let start = 0;
  while (start < pc.length && start < pw.length && pc[start].id === pw[start].id) {
    pairs.push([start, start]);
    start++;
  }
  let endC = pc.length;
  let endW = pw.length;
  while (endC > start && endW > start && pc[endC - 1].id === pw[endW - 1].id) {
    endC--;
    endW--;
  }
  const add = (more: Array<[number, number]>) => {
    for (const pair of more) pairs.push(pair);
  };
  if ((endC - start) * (endW - start) <= MAX_DP_CELLS) add(alignStretch(w, start, endC, start, endW));
  else {
    // Too many to weigh every pair: identical blocks anchor, and only the stretches between them are weighed.
    const keys = (ps: Profile[], to: number) => ps.slice(start, to).map((p) => String(p.id));
    let c = start;
    let k = start;
    let gapC = start;
    let gapW = start;
    for (const run of diffSequences(keys(pc, endC), keys(pw, endW), MAX_BLOCK_EDITS)) {
      const n = run.items.length;
      if (run.op === 'equal') {
        add(alignStretch(w, gapC, c, gapW, k));
        for (let r = 0; r < n; r++) pairs.push([c + r, k + r]);
        gapC = c + n;
        gapW = k + n;
      }
      if (run.op !== 'insert') c += n;
      if (run.op !== 'delete') k += n;
    }
    add(alignStretch(w, gapC, endC, gapW, endW));
  }
  for (let r = 0; r < pc.length - endC; r++) pairs.push([endC + r, endW + r]);
  return pairs.map(([i, j]) => ({ current: i, wanted: j, exact: pc[i].id === pw[j].id }));
}
