/**
 * The cells of an .xlsx workbook's parts (xlsxWorkbook.ts finds the parts): the shared strings, which styles show
 * a date, and each worksheet's rows as the text Excel shows.
 */
import { scanXml, type XmlHandler } from './xmlScan.js';
import type { WorkbookLimits } from './xlsxWorkbook.js';
import { placeCell, type CellBudget } from './workbookCells.js';

/** The shared string table: each item's text, runs joined, phonetic guides left out. */
export function sharedStrings(xml: string | undefined): string[] {
  const strings: string[] = [];
  if (xml === undefined) return strings;
  scanXml(xml, textItems('si', (text) => strings.push(text)));
  return strings;
}

/** Collects the `<t>` text inside each `item` element (outside `<rPh>`), calling `done` at its end. */
function textItems(item: string, done: (text: string) => void): XmlHandler {
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let text = '';
  return {
    open(name, _a, selfClosing) {
      if (name === item) [inItem, text] = [true, ''];
      else if (name === 'rPh' && !selfClosing) phonetic++;
      else if (name === 't' && inItem && phonetic === 0) inText = !selfClosing;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === item && inItem) {
        inItem = false;
        done(text);
      }
    },
    text(t) {
      if (inText) text += t;
    },
  };
}

/** Built-in number formats that show a date (Excel's ids 14–17, 22, 27–31, 36, 50–54, 57, 58; the rest are times or numbers). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/** Whether one of Excel's built-in number formats (by id) shows a date; a workbook may redefine them with its own code. */
export const isBuiltInDateFormat = (id: number): boolean => BUILT_IN_DATES.has(id);

/**
 * Whether a custom number format shows a date: a day or year outside quotes, escapes and [brackets], or a month
 * (an «m» with no hour or second beside it, which would make it minutes).
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** Which cell styles (indexes into cellXfs) show a date. */
export function dateStylesOf(xml: string | undefined): Set<number> {
  const styles = new Set<number>();
  if (xml === undefined) return styles;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  scanXml(xml, {
    open(name, a, selfClosing) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : isBuiltInDateFormat(id)) styles.add(index);
        index++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return styles;
}

export interface SheetContext {
  strings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  limits: WorkbookLimits;
  /** Rows and cells all the workbook's sheets may lay out together. */
  cells: CellBudget;
}

/** "AB" → 27 (A is 0); -1 when the reference has no column letters. */
function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return i === 0 ? -1 : column - 1;
}

/** A worksheet's rows: every cell's text at its row and column. */
export function sheetRows(xml: string, context: SheetContext): string[][] {
  const rows: string[][] = [];
  const { limits } = context;
  let row = -1;
  let column = -1;
  let cell: { type: string; style: number; value: string; inline: string; inValue: boolean; inInline: boolean } | null = null;
  const inline = textItems('is', (text) => {
    if (cell) cell.inline = text;
  });
  scanXml(xml, {
    open(name, a, selfClosing) {
      if (name === 'row') {
        row = a.r ? Number(a.r) - 1 : row + 1;
        column = -1;
      } else if (name === 'c') {
        const at = a.r ? columnOf(a.r) : -1;
        column = at >= 0 ? at : column + 1;
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '', inValue: false, inInline: false };
        if (selfClosing) cell = null;
      } else if (cell) {
        if (name === 'v') cell.inValue = !selfClosing;
        else if (name === 'is') cell.inInline = true;
        if (cell.inInline) inline.open(name, a, selfClosing);
      }
    },
    close(name) {
      if (!cell) return;
      if (name === 'c') {
        const text = cellText(cell, context);
        if (text !== '' && row >= 0 && row < limits.rows && column < limits.columns) placeCell(rows, row, column, text, context.cells);
        cell = null;
      } else if (name === 'v') cell.inValue = false;
      else if (cell.inInline) {
        inline.close(name);
        if (name === 'is') cell.inInline = false;
      }
    },
    text(t) {
      if (!cell) return;
      if (cell.inValue) cell.value += t;
      else if (cell.inInline) inline.text(t);
    },
  });
  return rows;
}

function cellText(cell: { type: string; style: number; value: string; inline: string }, context: SheetContext): string {
  const value = cell.value.trim();
  switch (cell.type) {
    case 's':
      return context.strings[Number(value)] ?? '';
    case 'inlineStr':
      return cell.inline;
    case 'str':
      return cell.value;
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'd':
      return value.slice(0, 10);
    case 'e':
      return value;
    default: {
      if (value === '') return '';
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      if (context.dateStyles.has(cell.style)) return serialDate(number, context.date1904) ?? value;
      return generalNumber(value);
    }
  }
}

/** A number as Excel shows it in General format: integers as they are, others to 15 significant digits. */
export function generalNumber(value: string): string {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) return value;
  return Number.isInteger(number) && Math.abs(number) < 1e15 ? String(number) : String(Number(number.toPrecision(15)));
}

const DAY_MS = 86_400_000;

/** An Excel date serial as YYYY-MM-DD (the time of day left out), in the 1900 or the 1904 date system. */
export function serialDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1)) return null;
  const days = Math.floor(serial);
  // The 1900 system counts a 29 February 1900 that never was: serials before it are a day early.
  const date = new Date(date1904 ? Date.UTC(1904, 0, 1) + days * DAY_MS : Date.UTC(1899, 11, 30) + (days < 61 ? days + 1 : days) * DAY_MS);
  const year = date.getUTCFullYear();
  return year <= 9999 ? date.toISOString().slice(0, 10) : null;
}
