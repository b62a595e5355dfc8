/**
 * PDF table column widths: the given weights, widened where a column's longest word would not fit on one line. With
 * fixed weights, Spanish headers broke mid-word («Respons/able», «Participante/s»), as did agencies' acronyms; width
 * is taken from the columns with room to spare, and the weights stand when no such room exists.
 */
import type { Run } from '../../shared/planBlocks.js';

/** Rows whose words are measured: enough for the header and a plan's typical cells, bounded for 200,000-row tables. */
const MEASURED_ROWS = 300;
/** A single column never takes more than this share of the table for one long word (a URL, say: it wraps instead). */
const MAX_SHARE = 0.35;

/** The widest word of `runs` in points, as `measure` sizes a word (bold or not). */
function widestWord(runs: Run[], measure: (word: string, bold: boolean) => number): number {
  let widest = 0;
  for (const run of runs) for (const word of run.text.split(/\s+/)) if (word) widest = Math.max(widest, measure(word, !!run.bold));
  return widest;
}

/**
 * Column widths (points) summing to `width`: `weights` shares, except that each column gets at least its widest word
 * plus `padding` (header and the first rows measured; the header is bold), taken from the others' spare room.
 */
export function fitColumnWidths(rows: Run[][][], weights: number[], width: number, padding: number, measure: (word: string, bold: boolean) => number, headerRow = true): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const base = weights.map((w) => (w / total) * width);
  const need = base.map(() => 0);
  rows.slice(0, MEASURED_ROWS).forEach((row, r) => {
    row.forEach((cell, c) => {
      if (c >= need.length) return;
      const runs = headerRow && r === 0 ? cell.map((run) => ({ ...run, bold: true })) : cell;
      need[c] = Math.max(need[c], Math.min(widestWord(runs, measure) + padding, width * MAX_SHARE));
    });
  });
  const deficit = base.reduce((sum, b, c) => sum + Math.max(0, need[c] - b), 0);
  if (deficit === 0) return base;
  const spare = base.map((b, c) => Math.max(0, b - need[c]));
  const room = spare.reduce((a, b) => a + b, 0);
  if (room < deficit) return base;
  return base.map((b, c) => (need[c] > b ? need[c] : b - (spare[c] / room) * deficit));
}
