/**
 * The sheets of an Excel 97–2003 workbook (.xls: BIFF8 records in the `Workbook` stream of a compound file) as rows
 * of text, the same shape xlsxWorkbook.ts gives an .xlsx: what Excel shows, a date as 2027-03-31, a formula as the
 * value Excel last computed. Written from the published MS-XLS and MS-CFB specifications. Encrypted workbooks and
 * Excel 95 or older ones (BIFF5 and before) are refused with a reason, as is a password-protected .xlsx (an
 * encrypted package inside a compound file).
 */
import { biffRecords, BiffReader, sharedStringTable, type BiffRecord } from './biffRecords.js';
import { CompoundFileError, openCompoundFile, type CompoundFile } from './compoundFile.js';
import { isBuiltInDateFormat, isDateFormat } from './xlsxCells.js';
import { WorkbookError, type WorkbookLimits, type WorkbookSheet } from './xlsxWorkbook.js';
import { CellBudget } from './workbookCells.js';
import { sheetRows, type SheetContext } from './xlsSheetCells.js';

const BOF = 0x0809;
/** The beginnings of BIFF2, BIFF3 and BIFF4 streams (Excel 2.x to 4.0). */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
const BIFF8 = 0x0600;
const WORKBOOK_GLOBALS = 0x0005;
const EOF = 0x000a;
const FILEPASS = 0x002f;
const DATEMODE = 0x0022;
const FORMAT = 0x041e;
const XF = 0x00e0;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
/** A BOUNDSHEET's sheet type for a worksheet (the others are macro sheets, charts and VBA modules). */
const WORKSHEET = 0;

interface Globals {
  sheets: Array<{ name: string; hidden: boolean; offset: number }>;
  context: Omit<SheetContext, 'limits' | 'cells'>;
}

/** Reads every worksheet of an .xls workbook, in the workbook's order (charts and macro sheets left out). */
export function readXlsWorkbook(bytes: Uint8Array, limits: WorkbookLimits): WorkbookSheet[] {
  try {
    const file = openCompoundFile(bytes);
    const stream = workbookStream(file, limits);
    const globals = readGlobals(stream);
    // In a sound file each sheet's records are its own; sheets claiming the same records are read once at most.
    const budget = { bytes: stream.length };
    const cells = new CellBudget(limits.cells);
    const sheets = globals.sheets.map((sheet) => ({
      name: sheet.name,
      hidden: sheet.hidden,
      rows: sheetRows(stream, sheet.offset, { ...globals.context, limits, cells }, budget),
    }));
    if (sheets.length === 0) throw new WorkbookError('notWorkbook', 'no worksheet');
    return sheets;
  } catch (err) {
    if (err instanceof CompoundFileError) throw new WorkbookError(err.problem, err.message);
    throw err;
  }
}

/** The workbook stream, or why there is none to read. */
function workbookStream(file: CompoundFile, limits: WorkbookLimits): Uint8Array {
  const names = new Set(file.streamNames.map((n) => n.toUpperCase()));
  // Office encrypts a password-protected .xlsx (or .docx) into a compound file holding the package and its key data.
  if (names.has('ENCRYPTEDPACKAGE') || names.has('ENCRYPTIONINFO')) throw new WorkbookError('protected', 'an encrypted Office package');
  const stream = file.readStream('Workbook', limits.partBytes);
  if (stream) return stream;
  // Excel 5 and 95 named their stream `Book`.
  if (names.has('BOOK')) throw new WorkbookError('oldFormat', 'an Excel 5/95 workbook');
  throw new WorkbookError('notWorkbook', 'a compound file without a workbook stream');
}

const u16 = (data: Uint8Array, at: number) => data[at] | (data[at + 1] << 8);
const u32 = (data: Uint8Array, at: number) => u16(data, at) + u16(data, at + 2) * 0x10000;

/** A record's own data, when it holds at least `length` bytes. */
function dataOf(record: BiffRecord, length: number): Uint8Array {
  const data = record.pieces[0];
  if (data.length < length) throw new WorkbookError('corrupt', `record 0x${record.type.toString(16)} at ${record.offset} is too short`);
  return data;
}

/** The workbook globals: its sheets, shared strings, which cell formats show dates, and its date system. */
function readGlobals(stream: Uint8Array): Globals {
  const records = biffRecords(stream, 0);
  const first = records.next();
  if (first.done || OLD_BOFS.has(first.value.type)) throw new WorkbookError(first.done ? 'corrupt' : 'oldFormat', 'not a BIFF8 workbook');
  if (first.value.type !== BOF) throw new WorkbookError('corrupt', 'the workbook stream does not begin with BOF');
  const bof = dataOf(first.value, 4);
  if (u16(bof, 0) < BIFF8) throw new WorkbookError('oldFormat', `BIFF version 0x${u16(bof, 0).toString(16)}`);
  if (u16(bof, 2) !== WORKBOOK_GLOBALS) throw new WorkbookError('corrupt', 'the workbook stream does not begin with its globals');

  const sheets: Globals['sheets'] = [];
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let strings: string[] = [];
  let date1904 = false;
  for (const record of records) {
    switch (record.type) {
      case FILEPASS:
        // What follows is encrypted: nothing more can be read without the password.
        throw new WorkbookError('protected', 'an encrypted workbook');
      case DATEMODE:
        date1904 = u16(dataOf(record, 2), 0) === 1;
        break;
      case FORMAT: {
        const reader = new BiffReader(record.pieces);
        const id = reader.u16();
        formats.set(id, reader.unicodeString());
        break;
      }
      case XF:
        xfFormats.push(u16(dataOf(record, 4), 2));
        break;
      case BOUNDSHEET: {
        const data = dataOf(record, 8);
        const reader = new BiffReader(record.pieces);
        reader.skip(6);
        const name = reader.shortUnicodeString();
        // Bits 0–1: visible, hidden, or "very hidden" (only a macro can show it); byte 5: the kind of sheet.
        if (data[5] === WORKSHEET) sheets.push({ name, hidden: (data[4] & 3) !== 0, offset: u32(data, 0) });
        break;
      }
      case SST:
        strings = sharedStringTable(record);
        break;
      case EOF: {
        const dateFormats = xfFormats.map((id) => {
          const code = formats.get(id);
          return code !== undefined ? isDateFormat(code) : isBuiltInDateFormat(id);
        });
        return { sheets, context: { strings, dateFormats, date1904 } };
      }
    }
  }
  throw new WorkbookError('corrupt', 'the workbook globals end without EOF');
}
