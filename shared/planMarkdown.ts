/**
 * The plan body as CommonMark with GFM tables: the one Markdown writer of plans (Markdown export, JSON export,
 * version content). Text that Markdown would read as markup is escaped, so what renders is what was written.
 */
import type { Block, Run } from './planBlocks.js';

/**
 * Text as a Markdown file may carry it: a carriage return is a line break (CommonMark reads a lone one as such, so one
 * left in a table cell split the row), and other control characters (NUL, ESC: a terminal escape when the file is
 * printed) are dropped.
 */
export function plainText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

// Characters that would otherwise start emphasis, strikethrough, code, fences or links in running text, and an `&`
// that starts what Markdown reads as an HTML entity (`&copy;` would show as ©).
export function escapeInline(s: string): string {
  return escapeEntities(plainText(s).replace(/([\\`*_[\]<>~])/g, '\\$1'));
}

function escapeEntities(s: string): string {
  return s.replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}

/** Heading text whose last word is made of `#`s: Markdown would drop them as the heading's optional closing sequence. */
export function escapeClosingHashes(text: string): string {
  return text.replace(/(^|[ \t])#(#*[ \t]*)$/, '$1\\#$2');
}

// Text at the start of a line that Markdown would read as a heading (`#`, or a setext underline of `=` or `-`), a quote,
// a list marker, (indented) code, or a table's delimiter row (which starts with `|`, `:` or `-`).
function escapeLineStart(line: string): string {
  return line.replace(/^[ \t]+/, '').replace(/^([#>+=|:-]|\d+[.)])/, (mark: string) => mark.slice(0, -1) + '\\' + mark.slice(-1));
}

/** A code span that keeps backticks inside it: fenced by one backtick more than its longest run of them. */
function codeSpan(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((n, r) => Math.max(n, r.length), 0);
  const fence = '`'.repeat(longest + 1);
  // A span starting or ending with a backtick needs a space inside its fence (CommonMark strips one each side).
  const pad = longest && (text.startsWith('`') || text.endsWith('`')) ? ' ' : '';
  return fence + pad + text + pad + fence;
}

/** What stands next to an emphasis delimiter, as CommonMark's flanking rules sort it. */
type Neighbour = 'space' | 'punctuation' | 'other';

const PUNCTUATION = /[\p{P}\p{S}]/u;

function neighbourOf(ch: string | undefined): Neighbour {
  if (!ch || /\s/u.test(ch)) return 'space';
  return PUNCTUATION.test(ch) ? 'punctuation' : 'other';
}

const hasMarkup = (run: Run) => Boolean(run.bold || run.italic || run.strike || run.code || run.href);

/** What the Markdown of `run` starts or ends with: a delimiter (punctuation) for marked text, else its own character. */
function edgeOf(run: Run | undefined, edge: 'start' | 'end'): Neighbour {
  if (!run) return 'space';
  const text = plainText(run.text);
  const ch = edge === 'start' ? text[0] : text[text.length - 1];
  if (!hasMarkup(run)) return neighbourOf(ch);
  return neighbourOf(ch) === 'space' ? 'space' : 'punctuation';
}

/**
 * Emphasis whose text starts (ends) with punctuation right after (before) a letter does not open (close) in Markdown:
 * `precio**($100)**final` shows its asterisks. Such a character is moved outside the delimiters, with any spaces it
 * uncovers: `precio(**$100**)final`. The words stay the same; only that character loses the emphasis.
 */
function peelForFlanking(core: string, before: Neighbour, after: Neighbour): { head: string; core: string; tail: string } {
  const chars = Array.from(core);
  let head = '';
  let tail = '';
  if (before === 'other' && PUNCTUATION.test(chars[0] ?? '')) head = chars.shift()!;
  if (after === 'other' && chars.length > 0 && PUNCTUATION.test(chars[chars.length - 1]!)) tail = chars.pop()!;
  const [, lead = '', middle = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(chars.join('')) ?? [];
  return { head: head + lead, core: middle, tail: trail + tail };
}

function runMarkdown(run: Run, breakToken: string, before: Neighbour, after: Neighbour): string {
  const pieces = plainText(run.text).split('\n');
  const emphasis = Boolean(run.bold || run.italic || run.strike) && !run.code && !run.href;
  return pieces
    .map((piece, i) => {
      // Emphasis markers must hug the text: "**word** " works, "**word **" does not.
      const [, lead, trimmed, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(piece) ?? ['', '', piece, ''];
      if (trimmed === '') return piece;
      // A hard break (a new line, or <br> in a table) is as good as a space next to a delimiter.
      const peeled = emphasis
        ? peelForFlanking(trimmed, lead || i > 0 ? 'space' : before, trail || i < pieces.length - 1 ? 'space' : after)
        : { head: '', core: trimmed, tail: '' };
      const { head, core, tail } = peeled;
      if (core === '') return lead + escapeInline(head + tail) + trail;
      let s = run.code ? codeSpan(core) : escapeInline(core);
      if (run.bold) s = `**${s}**`;
      if (run.italic) s = `*${s}*`;
      if (run.strike) s = `~~${s}~~`;
      if (run.href) s = `[${s}](<${escapeEntities(run.href.replace(/[<>\s]/g, encodeURIComponent))}>)`;
      return lead + escapeInline(head) + s + escapeInline(tail) + trail;
    })
    .join(breakToken);
}

/** Inline Markdown of a run list; hard breaks become `breakToken` (backslash-newline in prose, <br> in tables). */
export function runsToMarkdown(runs: Run[], breakToken = '\\\n'): string {
  return runs
    .map((r, i) => runMarkdown(r, breakToken, edgeOf(runs[i - 1], 'end'), edgeOf(runs[i + 1], 'start')))
    .join('')
    .split('\n')
    .map(escapeLineStart)
    .join('\n');
}

function tableCell(runs: Run[]): string {
  return runsToMarkdown(runs, '<br>').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return ['#'.repeat(block.level) + ' ' + escapeClosingHashes(runsToMarkdown(block.runs, ' '))];
    case 'paragraph': {
      // A hard break at either end of a paragraph shows nothing and would leave a stray backslash.
      const s = runsToMarkdown(block.runs).replace(/^(\\\n)+|(\\\n)+$/g, '');
      return s.trim() === '' ? [] : s.split('\n');
    }
    case 'list': {
      const lines: string[] = [];
      block.items.forEach((item, i) => {
        const marker = block.ordered ? `${(block.start ?? 1) + i}. ` : '- ';
        const pad = ' '.repeat(marker.length);
        const inner = blocksToLines(item, false);
        if (inner.length === 0) inner.push('');
        inner.forEach((line, j) => lines.push(j === 0 ? marker + line : line === '' ? '' : pad + line));
      });
      return lines;
    }
    case 'quote':
      return blocksToLines(block.blocks, true).map((l) => (l === '' ? '>' : '> ' + l));
    case 'code': {
      const fence = block.text.includes('```') ? '~~~~' : '```';
      return [fence + plainText(block.language ?? ''), ...plainText(block.text).split('\n'), fence];
    }
    case 'rule':
      return ['---'];
    case 'table': {
      if (block.rows.length === 0) return [];
      // Loops, not spreads: Math.max(...rows) or push(...lines) of a 200,000-row table overflows the call stack.
      const width = block.rows.reduce((n, r) => Math.max(n, r.length), 0);
      const fmt = (r: Run[][]) => '| ' + Array.from({ length: width }, (_, i) => tableCell(r[i] ?? [])).join(' | ') + ' |';
      const sep = '| ' + Array.from({ length: width }, () => '---').join(' | ') + ' |';
      // GFM needs a header row; a table without one gets an empty header.
      if (block.header) return [fmt(block.rows[0]), sep, ...block.rows.slice(1).map(fmt)];
      return [fmt([]), sep, ...block.rows.map(fmt)];
    }
  }
}

// Top-level prose and quotes separate blocks with a blank line; inside a list item a nested list follows tightly.
function blocksToLines(blocks: Block[], loose: boolean): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    const lines = blockLines(block);
    if (lines.length === 0) continue;
    if (out.length && (loose || block.type !== 'list')) out.push('');
    for (const line of lines) out.push(line);
  }
  return out;
}

/** Markdown of a list of blocks, one blank line between blocks. */
export function blocksToMarkdown(blocks: Block[]): string {
  return blocksToLines(blocks, true).join('\n');
}
