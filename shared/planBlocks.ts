/** A structured, renderer-neutral reading of a plan's prose body (TipTap/ProseMirror nodes stored in Yjs). */
import * as Y from 'yjs';

/** A stretch of text with its marks; `text` may contain '\n' where the editor had a hard break. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
  code?: boolean;
  href?: string;
}

export type Block =
  | { type: 'heading'; level: number; runs: Run[] }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; start?: number; items: Block[][] }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'code'; text: string; language?: string }
  | { type: 'rule' }
  /** `header` is true when the first row is made of header cells. Each cell is one run list. */
  | { type: 'table'; header: boolean; rows: Run[][][] };

// y-prosemirror stores overlapping marks (e.g. links) under "name--<8-char hash>" keys.
const HASHED_MARK = /--[a-zA-Z0-9+/=]{8}$/;

// The document is written by clients; a raw Yjs write could carry a javascript: link into an export.
const SAFE_HREF = /^(https?:\/\/|mailto:|tel:)\S/i;

type DeltaOp = { insert: unknown; attributes?: Record<string, unknown> };

function runsOfText(text: Y.XmlText): Run[] {
  const runs: Run[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const run: Run = { text: op.insert };
    for (const [rawKey, value] of Object.entries(op.attributes ?? {})) {
      // A mark's value is its attrs object ({} for bold); null/false means the mark was removed.
      if (value == null || value === false) continue;
      const key = rawKey.replace(HASHED_MARK, '');
      if (key === 'bold' || key === 'italic' || key === 'strike' || key === 'underline' || key === 'code') run[key] = true;
      else if (key === 'link') {
        const href = (value as { href?: unknown }).href;
        // Spaces inside an address are percent-encoded, as a browser does: Word kept them raw and broke the link.
        if (typeof href === 'string' && SAFE_HREF.test(href.trim())) run.href = href.trim().replace(/\s/g, encodeURIComponent);
      }
    }
    runs.push(run);
  }
  return runs;
}

function sameMarks(a: Run, b: Run): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.underline === b.underline && a.code === b.code && a.href === b.href;
}

/** Joins neighbouring runs that carry the same marks (hard breaks otherwise split them). */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && sameMarks(last, run)) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

function inlineRuns(el: Y.XmlElement | Y.XmlFragment): Run[] {
  const runs: Run[] = [];
  for (const child of el.toArray()) {
    // Loops, not push(...): a paragraph of 200,000 formatting changes would overflow the call stack.
    if (child instanceof Y.XmlText) for (const run of runsOfText(child)) runs.push(run);
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'hardBreak') runs.push({ text: '\n' });
      else for (const run of inlineRuns(child)) runs.push(run);
    }
  }
  return mergeRuns(runs);
}

function plainText(el: Y.XmlElement): string {
  return inlineRuns(el)
    .map((r) => r.text)
    .join('');
}

function elementChildren(el: Y.XmlElement | Y.XmlFragment): Y.XmlElement[] {
  return el.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
}

/** Blocks that hold other blocks, not text: in a cell, their text blocks are lines of their own. */
const CONTAINERS = new Set(['bulletList', 'orderedList', 'listItem', 'blockquote']);

/** The lines of one block of a cell: a text block is one; a list's items are each marked ("• ", "2. "), nested lists indented. */
function cellLines(el: Y.XmlElement, depth = 0): Run[][] {
  if (!CONTAINERS.has(el.nodeName)) {
    const runs = inlineRuns(el);
    return runs.length ? [runs] : [];
  }
  if (el.nodeName !== 'bulletList' && el.nodeName !== 'orderedList') return elementChildren(el).flatMap((child) => cellLines(child, depth));
  const start = Number(el.getAttribute('start') ?? 1) || 1;
  const indent = '  '.repeat(depth);
  return elementChildren(el).flatMap((item, i) => {
    const marker = el.nodeName === 'orderedList' ? `${start + i}. ` : '• ';
    const lines = elementChildren(item).flatMap((child) => cellLines(child, depth + 1));
    if (!lines.length) return [];
    const [first, ...rest] = lines;
    return [[{ text: indent + marker }, ...first], ...rest];
  });
}

/** A table cell holds block content; exports show it as one run list, blocks and list items on lines of their own. */
function cellRuns(cell: Y.XmlElement): Run[] {
  const hasElements = elementChildren(cell).length > 0;
  if (!hasElements) return inlineRuns(cell);
  const lines = elementChildren(cell).flatMap((child) => cellLines(child));
  return mergeRuns(lines.flatMap((runs, i) => (i === 0 ? runs : [{ text: '\n' }, ...runs])));
}

function tableBlock(el: Y.XmlElement): Block {
  const rowEls = elementChildren(el).filter((r) => r.nodeName === 'tableRow');
  const rows = rowEls.map((r) => elementChildren(r).map(cellRuns));
  const firstCells = rowEls.length ? elementChildren(rowEls[0]) : [];
  const header = firstCells.length > 0 && firstCells.every((c) => c.nodeName === 'tableHeader');
  return { type: 'table', header, rows };
}

function blocksOf(el: Y.XmlElement | Y.XmlFragment): Block[] {
  return elementChildren(el).flatMap(blockOf);
}

function blockOf(el: Y.XmlElement): Block[] {
  switch (el.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Math.trunc(Number(el.getAttribute('level'))) || 1));
      return [{ type: 'heading', level, runs: inlineRuns(el) }];
    }
    case 'paragraph':
      return [{ type: 'paragraph', runs: inlineRuns(el) }];
    case 'bulletList':
    case 'orderedList': {
      const items = elementChildren(el).map((item) => blocksOf(item));
      if (el.nodeName === 'bulletList') return [{ type: 'list', ordered: false, items }];
      const start = Math.trunc(Number(el.getAttribute('start')));
      return [{ type: 'list', ordered: true, items, ...(start > 1 ? { start } : {}) }];
    }
    case 'blockquote':
      return [{ type: 'quote', blocks: blocksOf(el) }];
    case 'codeBlock': {
      const language = el.getAttribute('language');
      return [{ type: 'code', text: plainText(el), ...(typeof language === 'string' && language ? { language } : {}) }];
    }
    case 'horizontalRule':
      return [{ type: 'rule' }];
    case 'table':
      return [tableBlock(el)];
    case 'hardBreak':
      return [];
    default:
      // An unknown node: keep its content rather than lose it.
      return elementChildren(el).length ? blocksOf(el) : [{ type: 'paragraph', runs: inlineRuns(el) }];
  }
}

/** Reads the prose body into blocks; unknown nodes keep their content as paragraphs. */
export function bodyBlocks(fragment: Y.XmlFragment): Block[] {
  return blocksOf(fragment);
}

/** The plain text of a run list. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}
