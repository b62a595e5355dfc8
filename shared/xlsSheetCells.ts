/**
 * The cells of one worksheet of an .xls workbook (xlsLegacyWorkbook.ts reads the workbook's globals): each cell
 * record's text as Excel shows it. Shared strings, inline strings and rich strings by their text; numbers (stored
 * whole, as RK or as MULRK runs) as Excel's General format shows them, or as 2027-03-31 when their format shows a
 * date; booleans as TRUE and FALSE; an error as the text Excel shows (#DIV/0!, as .xlsx stores it); a formula as its
 * cached result (a text result comes in the STRING record after it). Blank cells read as empty. An embedded chart's
 * records (its own BOF…EOF inside the sheet) are passed over.
 */
import { BiffReader, biffRecords, recordSize, type BiffRecord } from './biffRecords.js';
import { biffErrorText } from './formulaErrors.js';
import { generalNumber, serialDate } from './xlsxCells.js';
import { WorkbookError, type WorkbookLimits } from './xlsxWorkbook.js';
import { placeCell, type CellBudget } from './workbookCells.js';

/** What the workbook's globals tell every sheet. */
export interface SheetContext {
  strings: readonly string[];
  /** By XF (cell format) index: whether its number format shows a date. */
  dateFormats: readonly boolean[];
  date1904: boolean;
  limits: WorkbookLimits;
  /** Rows and cells all the workbook's sheets may lay out together. */
  cells: CellBudget;
}

const BOF = 0x0809;
const EOF = 0x000a;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;
const BLANK = 0x0201;
const MULBLANK = 0x00be;
/** Records that are a cell: a STRING record only belongs to a FORMULA with no other cell between them. */
const CELLS = new Set([LABELSST, LABEL, RSTRING, NUMBER, RK, MULRK, BOOLERR, FORMULA, BLANK, MULBLANK]);

const u16 = (data: Uint8Array, at: number) => data[at] | (data[at + 1] << 8);
const u32 = (data: Uint8Array, at: number) => u16(data, at) + u16(data, at + 2) * 0x10000;
const f64 = (data: Uint8Array, at: number) => new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);

/** An RK number: a 30-bit integer or the top 30 bits of a double (bit 1 says which), divided by 100 when bit 0 says so. */
export function rkNumber(rk: number): number {
  let value: number;
  if (rk & 2) value = (rk | 0) >> 2;
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, (rk & 0xfffffffc) >>> 0, true);
    value = view.getFloat64(0, true);
  }
  return rk & 1 ? value / 100 : value;
}

/** The rows of the worksheet whose BOF is at `offset`; `budget` bounds the bytes all sheets may read together. */
export function sheetRows(stream: Uint8Array, offset: number, context: SheetContext, budget: { bytes: number }): string[][] {
  const { limits } = context;
  const rows: string[][] = [];
  const put = (row: number, column: number, text: string) => {
    if (text === '' || row >= limits.rows || column >= limits.columns) return;
    placeCell(rows, row, column, text, context.cells);
  };
  const number = (row: number, column: number, xf: number, value: number) => {
    if (!Number.isFinite(value)) return;
    const text = generalNumber(String(value));
    put(row, column, context.dateFormats[xf] ? (serialDate(value, context.date1904) ?? text) : text);
  };

  if (offset >= stream.length) throw corrupt(`a sheet begins at ${offset}, past the end of the stream`);
  let depth = 0;
  let formulaText: { row: number; column: number } | null = null;
  for (const record of biffRecords(stream, offset)) {
    budget.bytes -= recordSize(record);
    if (budget.bytes < 0) throw corrupt('the sheets overlap');
    if (depth === 0 && record.type !== BOF) throw corrupt(`no BOF where a sheet begins (${offset})`);
    if (record.type === BOF) depth++;
    else if (record.type === EOF && --depth === 0) return rows;
    if (depth !== 1) continue;
    if (CELLS.has(record.type)) formulaText = null;
    const data = record.pieces[0];
    const need = (length: number) => {
      if (data.length < length) throw corrupt(`record 0x${record.type.toString(16)} at ${record.offset} is too short`);
    };
    switch (record.type) {
      case LABELSST:
        need(10);
        put(u16(data, 0), u16(data, 2), context.strings[u32(data, 6)] ?? '');
        break;
      case LABEL:
      case RSTRING:
        need(9);
        put(u16(data, 0), u16(data, 2), stringAfter(record, 6));
        break;
      case NUMBER:
        need(14);
        number(u16(data, 0), u16(data, 2), u16(data, 4), f64(data, 6));
        break;
      case RK:
        need(10);
        number(u16(data, 0), u16(data, 2), u16(data, 4), rkNumber(u32(data, 6)));
        break;
      case MULRK: {
        need(6);
        // Row, first column, then six bytes a cell (format, RK), then the last column.
        const row = u16(data, 0);
        const first = u16(data, 2);
        const count = Math.floor((data.length - 6) / 6);
        for (let i = 0; i < count; i++) number(row, first + i, u16(data, 4 + i * 6), rkNumber(u32(data, 6 + i * 6)));
        break;
      }
      case BOOLERR:
        need(8);
        // Byte 7 tells an error (byte 6 its code) from a boolean.
        put(u16(data, 0), u16(data, 2), data[7] === 0 ? (data[6] ? 'TRUE' : 'FALSE') : biffErrorText(data[6]));
        break;
      case FORMULA: {
        need(20);
        const row = u16(data, 0);
        const column = u16(data, 2);
        // A cached result that is not a number marks its last two bytes 0xFFFF and says its kind in the first.
        if (u16(data, 12) !== 0xffff) number(row, column, u16(data, 4), f64(data, 6));
        else if (data[6] === 0) formulaText = { row, column };
        else if (data[6] === 1) put(row, column, data[8] ? 'TRUE' : 'FALSE');
        else if (data[6] === 2) put(row, column, biffErrorText(data[8]));
        break;
      }
      case STRING:
        if (formulaText) put(formulaText.row, formulaText.column, stringAfter(record, 0));
        formulaText = null;
        break;
    }
  }
  throw corrupt('a sheet ends without EOF');
}

function corrupt(message: string): WorkbookError {
  return new WorkbookError('corrupt', message);
}

/** The XLUnicodeString `skip` bytes into a record (it may go on in CONTINUE records). */
function stringAfter(record: BiffRecord, skip: number): string {
  const reader = new BiffReader(record.pieces);
  reader.skip(skip);
  return reader.unicodeString();
}
