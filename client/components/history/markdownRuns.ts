/**
 * Shows a diff of the plan's Markdown (shared/planMarkdown.ts writes it) without its syntax: heading markers,
 * list markers, quote markers, code fences, emphasis markers, backslash escapes and link brackets are left out,
 * and what they meant travels with the text as styles (a heading line, a list item, bold, code…).
 *
 * A run of the diff may begin or end anywhere in a line, so runs are never parsed on their own: each side of the
 * diff ("from" = equal + delete runs, "to" = equal + insert runs) is parsed whole, line by line, and every
 * character of a run takes what its side says about it (deleted text the old side, equal and inserted text the
 * new side). Only markup is left out; every other character of every run is shown, in order.
 */
import type { DiffRun } from './api.js';
import { annotateMarkdown } from './markdownLines.js';

export { CODE, EM, LINK, MARKER, STRIKE, STRONG, URL } from './markdownInline.js';

/** A stretch of shown text with one look: `line` is the class of its line (heading, list item…), `flags` inline styles. */
export interface Piece {
  text: string;
  line: string;
  flags: number;
}

/** A diff run as shown: its pieces (none when the run was nothing but markup, e.g. a heading's "## " added). */
export interface ShownRun {
  op: DiffRun['op'];
  pieces: Piece[];
}

/**
 * The runs as shown: each run's characters without markup, grouped into pieces of one look. Equal and inserted
 * text read the new side, deleted text the old one, so a run that starts mid-line gets its line's look.
 */
export function markdownRuns(runs: DiffRun[]): ShownRun[] {
  const from = annotateMarkdown(runs.filter((r) => r.op !== 'insert').map((r) => r.text).join(''));
  const to = annotateMarkdown(runs.filter((r) => r.op !== 'delete').map((r) => r.text).join(''));
  let atFrom = 0;
  let atTo = 0;
  return runs.map((run) => {
    const pieces: Piece[] = [];
    for (let k = 0; k < run.text.length; k++) {
      const look = run.op === 'delete' ? from[atFrom] : to[atTo];
      if (run.op !== 'insert') atFrom++;
      if (run.op !== 'delete') atTo++;
      // Past the end only if the runs do not rebuild their sides: show the character as it is.
      const { show, line, flags } = look ?? { show: run.text[k], line: '', flags: 0 };
      if (!show) continue;
      const last = pieces[pieces.length - 1];
      if (last && last.line === line && last.flags === flags) last.text += show;
      else pieces.push({ text: show, line, flags });
    }
    return { op: run.op, pieces };
  });
}

/** Pieces split at line breaks: one list of pieces per line (a piece never holds a line break afterwards). */
export function pieceLines(pieces: Piece[]): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const p of pieces) {
    p.text.split('\n').forEach((part, n) => {
      if (n > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ ...p, text: part });
    });
  }
  return lines;
}
