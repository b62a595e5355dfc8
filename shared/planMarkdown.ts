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

// Characters that would otherwise start emphasis, strikethrough, code, fences or links in running text.
export function escapeInline(s: string): string {
  return plainText(s).replace(/([\\`*_[\]<>~])/g, '\\$1');
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

function runMarkdown(run: Run, breakToken: string): string {
  const pieces = plainText(run.text).split('\n');
  return pieces
    .map((piece) => {
      // Emphasis markers must hug the text: "**word** " works, "**word **" does not.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(piece) ?? ['', '', piece, ''];
      if (core === '') return piece;
      let s = run.code ? codeSpan(core) : escapeInline(core);
      if (run.bold) s = `**${s}**`;
      if (run.italic) s = `*${s}*`;
      if (run.strike) s = `~~${s}~~`;
      if (run.href) s = `[${s}](<${run.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
      return lead + s + trail;
    })
    .join(breakToken);
}

/** Inline Markdown of a run list; hard breaks become `breakToken` (backslash-newline in prose, <br> in tables). */
export function runsToMarkdown(runs: Run[], breakToken = '\\\n'): string {
  return runs
    .map((r) => runMarkdown(r, breakToken))
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
      return ['#'.repeat(block.level) + ' ' + runsToMarkdown(block.runs, ' ')];
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
