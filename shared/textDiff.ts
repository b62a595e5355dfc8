/**
 * Word-level text diff (Myers' O(ND) algorithm on tokens), written here so the diff has no dependency.
 * The output is exact: equal + delete runs rebuild the old text, equal + insert runs the new one.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface SequenceRun {
  op: DiffOp;
  items: string[];
}

export interface TextRun {
  op: DiffOp;
  text: string;
}

/** Beyond this many edits the middle is shown as one replacement: the trace would cost O(D²) memory. */
const DEFAULT_MAX_EDITS = 2000;

/** Splits text into words, single punctuation marks and whitespace runs (letters of any script). */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu) ?? [];
}

function push(out: SequenceRun[], op: DiffOp, items: string[]): void {
  if (!items.length) return;
  const last = out[out.length - 1];
  // A loop, not push(...items): a run of 200,000 words would overflow the call stack.
  if (last && last.op === op) for (const item of items) last.items.push(item);
  else out.push({ op, items: [...items] });
}

/** The shortest edit script of the middle part (no common prefix or suffix), or undefined past maxEdits. */
function myers(a: string[], b: string[], maxEdits: number): SequenceRun[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds V after step d for k in [-d, d], i.e. trace[d][k + d].
  const trace: Int32Array[] = [];
  let end = -1;
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) end = d;
    }
    trace.push(v.slice(offset - d, offset + d + 1));
    if (end >= 0) break;
  }
  if (end < 0) return undefined;

  const reversed: Array<{ op: DiffOp; item: string }> = [];
  let x = n;
  let y = m;
  for (let d = end; d > 0; d--) {
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    while (x > midX) reversed.push({ op: 'equal', item: a[--x] });
    if (down) reversed.push({ op: 'insert', item: b[prevY] });
    else reversed.push({ op: 'delete', item: a[prevX] });
    x = prevX;
    y = prevY;
  }
  while (x > 0) reversed.push({ op: 'equal', item: a[--x] });
  const out: SequenceRun[] = [];
  for (let i = reversed.length - 1; i >= 0; i--) push(out, reversed[i].op, [reversed[i].item]);
  return out;
}

/** Diffs two sequences of strings into runs of equal, deleted and inserted items. */
export function diffSequences(a: string[], b: string[], maxEdits = DEFAULT_MAX_EDITS): SequenceRun[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: SequenceRun[] = [];
  push(out, 'equal', a.slice(0, start));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = myers(midA, midB, maxEdits) ?? [
    { op: 'delete' as const, items: midA },
    { op: 'insert' as const, items: midB },
  ];
  for (const run of middle) push(out, run.op, run.items);
  push(out, 'equal', a.slice(endA));
  return out;
}

/** Word-level diff of two texts as runs of text. */
export function diffText(from: string, to: string, maxEdits = DEFAULT_MAX_EDITS): TextRun[] {
  const runs = diffSequences(tokenize(from), tokenize(to), maxEdits);
  // Tokenizing drops nothing: every character belongs to exactly one token.
  return runs.map((r) => ({ op: r.op, text: r.items.join('') }));
}
