/**
 * The looks of every character of one side of a plan diff's Markdown, line by line: containers (quotes, bullet and
 * numbered lists, in any nesting), code fences, rules and headings, then each line's inline markup (markdownInline.ts).
 */
import { CODE, inlineLooks, MARKER, type CharLook } from './markdownInline.js';

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
    inlineLooks(line, i + heading[0].length, looks);
    return done(['vh-h', `vh-h${heading[1].length}`]);
  }
  inlineLooks(line, i, looks);
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
