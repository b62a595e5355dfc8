/**
 * The inline Markdown of one line (shared/planMarkdown.ts writes it), character by character: which characters are
 * markup (escapes, code span backticks, emphasis and strikethrough delimiters, link brackets) and which styles the
 * others take. What a diff of the plan shows in place of the syntax (markdownRuns.ts).
 */

// The style bits of a character's look (`flags`); DiffView draws each as an element of its own.
export const STRONG = 1;
export const EM = 2;
export const CODE = 4;
export const STRIKE = 8;
export const LINK = 16;
/** A link's address, shown after its text. */
export const URL = 32;
/** A list bullet, list number or quote bar, drawn in place of the Markdown marker. */
export const MARKER = 64;

/** What one character of a side shows: itself, a replacement (a list bullet) or nothing (markup). */
export interface CharLook {
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

/** Inline Markdown of `line` from `start`: escapes, code spans, emphasis, strikethrough and links, marked on `looks`. */
export function inlineLooks(line: string, start: number, looks: CharLook[]): void {
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
