/**
 * Makes a word-level diff read as phrases. The server's diff is exact and fine-grained: rewording a sentence comes
 * back as "delete word, keep a space, insert word, delete word, keep a space, insert word…", which reads as a
 * jumble of struck and underlined fragments. Short unchanged stretches between changes on the same line (a space,
 * a comma) are folded into both sides, so the reader sees the old phrase struck, then the new phrase.
 * Concatenating the deletions and equal runs still gives the "from" text, and insertions and equal runs the "to" text.
 */
import type { DiffRun } from './api.js';

/** Unchanged text at most this long, without a line break, is folded into the change around it. */
const FOLD_AT_MOST = 3;

/** The same diff, with changes separated only by short unchanged text merged into one deletion and one insertion. */
export function readableRuns(runs: DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  let del = '';
  let ins = '';
  let open = false;
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = ins = '';
    open = false;
  };
  runs.forEach((run, i) => {
    if (run.op === 'delete') {
      del += run.text;
      open = true;
    } else if (run.op === 'insert') {
      ins += run.text;
      open = true;
    } else {
      const next = runs[i + 1];
      const foldable = open && next !== undefined && next.op !== 'equal' && run.text.length <= FOLD_AT_MOST && !run.text.includes('\n');
      if (foldable) {
        del += run.text;
        ins += run.text;
      } else {
        flush();
        out.push(run);
      }
    }
  });
  flush();
  return out;
}
