/**
 * What all sheets of one workbook may hold together, as rows and cells laid out (empty ones padded in included). A
 * sheet's limits (25,000 rows, 100 columns) bound one sheet only: a few hundred bytes naming a cell far down each of
 * hundreds of sheets, or an .ods row "repeated" 25,000 times, made a small file lay out millions of arrays and took
 * the importing tab's memory. Every reader counts what it lays out against one budget per workbook.
 */
import { WorkbookError } from './xlsxWorkbook.js';

/** Rows and cells one workbook may lay out in all: a plan of 20,000 activities of 14 columns is ~300,000. */
export const WORKBOOK_CELLS = 2_000_000;

/** The workbook's remaining room; `take` refuses the workbook as too large once it is spent. */
export class CellBudget {
  private left: number;

  constructor(cells: number = WORKBOOK_CELLS) {
    this.left = cells;
  }

  /** Counts `n` more rows or cells laid out. */
  take(n = 1): void {
    this.left -= n;
    if (this.left < 0) throw new WorkbookError('tooLarge', 'the sheets lay out more cells than a plan could use');
  }
}

/** Puts `text` at (row, column) of `rows`, padding with empty rows and cells as needed, each counted in `budget`. */
export function placeCell(rows: string[][], row: number, column: number, text: string, budget: CellBudget): void {
  if (rows.length <= row) {
    budget.take(row + 1 - rows.length);
    while (rows.length <= row) rows.push([]);
  }
  const cells = rows[row];
  if (cells.length <= column) {
    budget.take(column + 1 - cells.length);
    while (cells.length < column) cells.push('');
  }
  cells[column] = text;
}
