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

export const STRONG = 1;
export const EM = 2;
export const CODE = 4;
export const STRIKE = 8;
export const LINK = 16;
/** A link's address, shown after its text. */
export const URL = 32;
/** A list bullet, list number or quote bar, drawn in place of the Markdown marker. */
export const MARKER = 64;

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

/** What one character of a side shows: itself, a replacement (a list bullet) or nothing (markup). */
interface CharLook {
  show: string;
  line: string;
  flags: number;
}

const PUNCT = /[!-/:-@[-`{-~]/;
const SPACE = /\s/;

/**
 * Emphasis delimiter run (`*`, `_` or `~~`) waiting for its match; [lo, hi) are its characters still unmatched
 * (closing uses them from the start, opening from the end, the side nearer the text they wrap).
 */
interface Delim {
  lo: number;
  hi: number;
  ch: string;
  canOpen: boolean;
  canClose: boolean;
}

/** Inline Markdown of `line` from `start`: escapes, code spans, emphasis, strikethrough and links. */
function inline(line: string, start: number, looks: CharLook[]): void {
  const hide = (i: number) => (looks[i].show = '');
  const flag = (from: number, to: number, f: number) => {
    for (let i = from; i < to; i++) looks[i].flags |= f;
  };
  const delims: Delim[] = [];
  const brackets: number[] = [];
  let j = start;
  while (j < line.length) {
    const c = line[j];
    if (c === '\\') {
      // A backslash at the end of a line is a hard break; before punctuation it escapes it.
      if (j + 1 === line.length) hide(j);
      else if (PUNCT.test(line[j + 1])) {
        hide(j);
        j += 2;
        continue;
      }
      j++;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (line[j + n] === '`') n++;
      const fence = '`'.repeat(n);
      // The closing fence is a run of exactly as many backticks.
      let k = line.indexOf(fence, j + n);
      while (k >= 0 && (line[k + n] === '`' || line[k - 1] === '`')) {
        let e = k;
        while (line[e] === '`') e++;
        k = line.indexOf(fence, e);
      }
      if (k < 0) {
        j += n;
        continue;
      }
      for (let i = j; i < j + n; i++) hide(i);
      for (let i = k; i < k + n; i++) hide(i);
      let from = j + n;
      let to = k;
      const content = line.slice(from, to);
      if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
        hide(from);
        hide(to - 1);
        from++;
        to--;
      }
      flag(from, to, CODE);
      j = k + n;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      let n = 1;
      while (line[j + n] === c) n++;
      const prev = j > start ? line[j - 1] : undefined;
      const next = line[j + n];
      let canOpen = next !== undefined && !SPACE.test(next);
      let canClose = prev !== undefined && !SPACE.test(prev);
      // Inside a word, an underscore is a letter (snake_case). Strikethrough takes two tildes; the writer puts
      // two struck runs side by side as "~~a~~~~b~~", so an even run is closers and openers.
      if (c === '_' && prev !== undefined && next !== undefined && /[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next)) canOpen = canClose = false;
      if (c === '~' && n % 2 !== 0) canOpen = canClose = false;
      if (canOpen || canClose) delims.push({ lo: j, hi: j + n, ch: c, canOpen, canClose });
      j += n;
      continue;
    }
    if (c === '[') {
      brackets.push(j);
      j++;
      continue;
    }
    if (c === ']' && brackets.length && line.startsWith('](<', j)) {
      const end = line.indexOf('>)', j + 3);
      if (end >= 0) {
        const open = brackets.pop()!;
        hide(open);
        hide(j);
        looks[j + 1].show = ' ';
        hide(j + 2);
        hide(end);
        hide(end + 1);
        flag(open + 1, j, LINK);
        flag(j + 3, end, URL);
        j = end + 2;
        continue;
      }
    }
    j++;
  }

  // Matches emphasis delimiters the way CommonMark does for what the plan's writer produces ("***a***", "**a*****b***").
  const openers: Delim[] = [];
  for (const d of delims) {
    if (d.canClose) {
      while (d.hi > d.lo) {
        let at = openers.length - 1;
        while (at >= 0 && openers[at].ch !== d.ch) at--;
        if (at < 0) break;
        const o = openers[at];
        const use = d.ch === '~' ? 2 : o.hi - o.lo >= 2 && d.hi - d.lo >= 2 ? 2 : 1;
        for (let i = o.hi - use; i < o.hi; i++) hide(i);
        for (let i = d.lo; i < d.lo + use; i++) hide(i);
        flag(o.hi, d.lo, d.ch === '~' ? STRIKE : use === 2 ? STRONG : EM);
        o.hi -= use;
        d.lo += use;
        // Delimiters between the two can no longer match; a used-up opener goes too.
        openers.splice(o.hi === o.lo ? at : at + 1);
      }
    }
    if (d.hi > d.lo && d.canOpen) openers.push(d);
  }
}

/** Parser state carried from line to line: the fence of an open code block, and how many quotes hold it. */
interface SideState {
  fence: string | null;
  fenceQuotes: number;
}

/** Looks of the characters of one line (without its line break). */
function annotateLine(line: string, state: SideState): CharLook[] {
  const looks: CharLook[] = Array.from(line, (ch) => ({ show: ch, line: '', flags: 0 }));
  const classes: string[] = [];
  let i = 0;
  let quotes = 0;
  // Containers: indentation, quote markers and list markers, in any nesting. Inside a code block only the
  // quotes around the block are markup ("> " at the start of a line of code is code).
  for (;;) {
    if (state.fence && quotes === state.fenceQuotes) break;
    let at = i;
    while (line[at] === ' ') at++;
    if (line[at] === '>' && (at + 1 === line.length || line[at + 1] === ' ')) {
      looks[at].show = '│';
      looks[at].flags |= MARKER;
      if (!classes.includes('vh-quote')) classes.push('vh-quote');
      quotes++;
      i = at + 1 === line.length ? at + 1 : at + 2;
      continue;
    }
    if (state.fence) break;
    i = at;
    const bullet = /^[-+*] /.exec(line.slice(i));
    if (bullet) {
      looks[i].show = '•';
      looks[i].flags |= MARKER;
      if (!classes.includes('vh-li')) classes.push('vh-li');
      i += 2;
      continue;
    }
    const number = /^\d{1,9}[.)] /.exec(line.slice(i));
    if (number) {
      for (let k = i; k < i + number[0].length - 1; k++) looks[k].flags |= MARKER;
      if (!classes.includes('vh-li')) classes.push('vh-li');
      i += number[0].length;
      continue;
    }
    break;
  }
  const rest = line.slice(i);
  const done = (extra: string[] = []) => {
    const cls = [...classes, ...extra].join(' ');
    for (const look of looks) look.line = cls;
    return looks;
  };

  if (state.fence) {
    const closing = rest.trim();
    if (closing.startsWith(state.fence) && /^([`~])\1*$/.test(closing)) {
      for (let k = i; k < line.length; k++) if (line[k] !== ' ') looks[k].show = '';
      state.fence = null;
    } else for (let k = i; k < line.length; k++) looks[k].flags |= CODE;
    return done(['vh-pre']);
  }
  const fence = /^(`{3,}|~{3,})(.*)$/.exec(rest);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    for (let k = i; k < i + fence[1].length; k++) looks[k].show = '';
    for (let k = i + fence[1].length; k < line.length; k++) looks[k].flags |= CODE;
    state.fence = fence[1];
    state.fenceQuotes = quotes;
    return done(['vh-pre']);
  }
  if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(rest)) {
    for (let k = i; k < line.length; k++) {
      looks[k].show = '──';
      looks[k].flags |= MARKER;
    }
    return done(['vh-rule']);
  }
  const heading = /^(#{1,6})(?: |$)/.exec(rest);
  if (heading) {
    for (let k = i; k < i + heading[0].length; k++) looks[k].show = '';
    inline(line, i + heading[0].length, looks);
    return done(['vh-h', `vh-h${heading[1].length}`]);
  }
  inline(line, i, looks);
  return done();
}

/** Looks of every character of one side's Markdown (line breaks show as themselves). */
export function annotateMarkdown(text: string): CharLook[] {
  const state: SideState = { fence: null, fenceQuotes: 0 };
  const out: CharLook[] = [];
  text.split('\n').forEach((line, n) => {
    if (n > 0) out.push({ show: '\n', line: '', flags: 0 });
    for (const look of annotateLine(line, state)) out.push(look);
  });
  return out;
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
