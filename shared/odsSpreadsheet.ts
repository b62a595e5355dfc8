/**
 * The sheets of an OpenDocument spreadsheet (.ods: LibreOffice, OpenOffice, and what Google Sheets and Excel save as
 * ODS) as rows of text, read from its content.xml: what each cell holds, as xlsxWorkbook.ts reads Excel's. A date
 * reads as 2027-03-31, a number as its value (not as the locale shows it), text with its spaces, tabs and line breaks,
 * a formula's error as the text shown (#DIV/0!, Err:502, whatever type the writer gave the cell), comments on a cell
 * left out, a hidden sheet marked (its table style says `table:display="false"`). Repeated rows and cells (how ODS
 * writes a run of empty ones) advance the position without allocating, and nothing is kept past the limits.
 */
import { isFormulaError } from './formulaErrors.js';
import { generalNumber } from './xlsxCells.js';
import { scanXml } from './xmlScan.js';
import type { WorkbookLimits, WorkbookSheet } from './xlsxWorkbook.js';
import { CellBudget, placeCell } from './workbookCells.js';

/** The number of a repeat attribute: at least 1, and no more than `cap`. */
const repeat = (value: string | undefined, cap: number) => Math.min(cap, Math.max(1, Math.floor(Number(value ?? 1)) || 1));

/** A cell's value from its type (numbers, dates, yes/no); null for text, read from its paragraphs. */
function typedValue(a: Readonly<Record<string, string>>): string | null {
  switch (a['value-type']) {
    case 'float':
    case 'percentage':
    case 'currency':
      return generalNumber(a.value ?? '');
    case 'date':
      return (a['date-value'] ?? '').slice(0, 10);
    case 'boolean':
      return a['boolean-value'] === 'true' ? 'TRUE' : 'FALSE';
    default:
      return null;
  }
}

/** The sheets in content.xml, in order. */
export function odsSheets(contentXml: string, limits: WorkbookLimits): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  const budget = new CellBudget(limits.cells);
  let sheet: WorkbookSheet | null = null;
  let row = 0;
  let column = 0;
  let rowRepeat = 1;
  let rowCells: Array<[column: number, text: string, repeat: number]> = [];
  let cell: { value: string | null; formula: boolean; repeat: number; paragraphs: string[]; text: string; inParagraph: boolean } | null = null;
  /** Inside an annotation (a comment on the cell): its text is not the cell's. */
  let annotation = 0;
  /** The table style being read, and the table styles that hide their sheet (automatic styles precede the sheets). */
  let tableStyle: string | null = null;
  const hidingStyles = new Set<string>();

  const endRow = () => {
    if (!sheet) return;
    for (let r = row; rowCells.length && r < Math.min(row + rowRepeat, limits.rows); r++) {
      for (const [at, text, times] of rowCells) {
        for (let c = at; c < Math.min(at + times, limits.columns); c++) placeCell(sheet.rows, r, c, text, budget);
      }
    }
    row += rowRepeat;
  };

  const closeCell = () => {
    if (!cell) return;
    const shown = cell.paragraphs.join('\n');
    // LibreOffice types an error cell as text (calcext:value-type="error"); other writers give it a number, 0, and show the error.
    const text = cell.value === null || (cell.formula && isFormulaError(shown)) ? shown : cell.value;
    if (text !== '' && column < limits.columns) rowCells.push([column, text, cell.repeat]);
    column += cell.repeat;
    cell = null;
  };

  scanXml(contentXml, {
    open(name, a, selfClosing) {
      if (cell) {
        if (name === 'annotation') annotation += selfClosing ? 0 : 1;
        else if (annotation) return;
        else if (name === 'p' || name === 'h') [cell.text, cell.inParagraph] = ['', !selfClosing];
        else if (name === 's') cell.text += ' '.repeat(repeat(a.c, 1000));
        else if (name === 'tab') cell.text += '\t';
        else if (name === 'line-break') cell.text += '\n';
        if ((name === 'p' || name === 'h') && selfClosing) cell.paragraphs.push('');
      } else if (name === 'style') {
        tableStyle = a.family === 'table' && !selfClosing ? (a.name ?? null) : null;
      } else if (name === 'table-properties' && tableStyle !== null) {
        if (a.display === 'false') hidingStyles.add(tableStyle);
      } else if (name === 'table') {
        sheet = { name: a.name ?? '', hidden: hidingStyles.has(a['style-name'] ?? ''), rows: [] };
        sheets.push(sheet);
        row = 0;
      } else if (name === 'table-row' && sheet) {
        column = 0;
        rowRepeat = repeat(a['number-rows-repeated'], 1 << 20);
        rowCells = [];
        if (selfClosing) endRow();
      } else if ((name === 'table-cell' || name === 'covered-table-cell') && sheet) {
        cell = { value: typedValue(a), formula: a.formula !== undefined, repeat: repeat(a['number-columns-repeated'], 1 << 14), paragraphs: [], text: '', inParagraph: false };
        if (selfClosing) closeCell();
      }
    },
    close(name) {
      if (cell) {
        if (name === 'annotation') annotation = Math.max(0, annotation - 1);
        else if (annotation) return;
        else if ((name === 'p' || name === 'h') && cell.inParagraph) {
          cell.paragraphs.push(cell.text);
          cell.inParagraph = false;
        } else if (name === 'table-cell' || name === 'covered-table-cell') closeCell();
      } else if (name === 'table-row') endRow();
      else if (name === 'style') tableStyle = null;
      else if (name === 'table') sheet = null;
    },
    text(t) {
      if (cell?.inParagraph && !annotation) cell.text += t;
    },
  });

  return sheets;
}
