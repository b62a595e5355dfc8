/** The renderer-neutral document every export (plan, minutes) is built into before Markdown, DOCX or PDF. */
import type { Block, Run } from '../../shared/planBlocks.js';

/** A table the exports build themselves: column weights let DOCX and PDF size columns sensibly. */
export type ExportTable = Extract<Block, { type: 'table' }> & { widths?: number[] };
export type ExportBlock = Exclude<Block, { type: 'table' }> | ExportTable;

export interface ExportDocument {
  title: string;
  /** Label/value lines shown under the title (working group, version, dates…). */
  meta: Array<{ label: string; value: string }>;
  /** Whether DOCX and PDF give the title and meta a page of their own. */
  titlePage: boolean;
  blocks: ExportBlock[];
  /** The footer of a page with `{n}` and `{total}` placeholders, e.g. "Página {n} de {total}". */
  pageLabel: string;
  /** Document language, for DOCX/PDF metadata. */
  lang: 'es' | 'en';
}

/** One run of plain text. */
export function text(value: string, marks: Omit<Run, 'text'> = {}): Run {
  return { text: value, ...marks };
}

/** A paragraph block from runs or a plain string. */
export function para(...content: Array<Run | string>): ExportBlock {
  return { type: 'paragraph', runs: content.map((c) => (typeof c === 'string' ? text(c) : c)) };
}

/** A heading block. */
export function heading(level: number, value: string): ExportBlock {
  return { type: 'heading', level, runs: [text(value)] };
}

/** A table whose first row is the header row; cells given as strings or run lists. */
export function table(header: string[], rows: Array<Array<string | Run[]>>, widths?: number[]): ExportBlock {
  const cell = (c: string | Run[]): Run[] => (typeof c === 'string' ? [text(c)] : c);
  return {
    type: 'table',
    header: true,
    rows: [header.map((h) => [text(h)]), ...rows.map((r) => r.map(cell))],
    ...(widths ? { widths } : {}),
  };
}

/** A bullet or numbered list of one-paragraph items. */
export function list(ordered: boolean, items: Array<string | Run[]>): ExportBlock {
  return {
    type: 'list',
    ordered,
    items: items.map((i) => [{ type: 'paragraph', runs: typeof i === 'string' ? [text(i)] : i }]),
  };
}
