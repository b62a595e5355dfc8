/**
 * The sheets of an Excel workbook (.xlsx, Office Open XML) as rows of text, for the activity import: what Excel
 * shows in each cell, not how it stores it. Shared strings, rich text and inline strings read as their text; a number
 * formatted as a date reads as 2027-03-31; other numbers as Excel writes them (15 significant digits); a formula as
 * its last computed value (never evaluated here). Each sheet's rows keep their row numbers (row 7 is rows[6]), so
 * problems can point at the row Excel shows. Legacy .xls and password-protected workbooks are refused with a reason.
 * An OpenDocument spreadsheet (.ods) is the same kind of ZIP archive: its sheets are read by odsSpreadsheet.ts.
 */
import { generalNumber, odsSheets } from './odsSpreadsheet.js';
import { scanXml, type XmlHandler } from './xmlScan.js';
import { looksLikeZip, readZipMember, ZipError, zipMembers, type ZipMember } from './zipArchive.js';

/** One sheet: its name, whether Excel hides it, and its rows of cells (trailing empty cells and rows left out). */
export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  rows: string[][];
}

/** Why a file is not read as a workbook: not one; old binary or password-protected; damaged; too large. */
export type WorkbookProblem = 'notWorkbook' | 'legacyOrProtected' | 'corrupt' | 'tooLarge';

/** A file that cannot be read as a workbook, and why. */
export class WorkbookError extends Error {
  constructor(
    readonly problem: WorkbookProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export interface WorkbookLimits {
  /** The most bytes one part may inflate to. */
  partBytes: number;
  /** Rows past this many are left out (a plan holds 20,000 activities). */
  rows: number;
  /** Columns past this many are left out. */
  columns: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = { partBytes: 64 * 1024 * 1024, rows: 25_000, columns: 100 };

/** Old Excel (.xls) and every password-protected Office file are OLE compound files, not ZIP archives. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/** Whether bytes look like a workbook to try: a ZIP archive, or an OLE file (refused with a reason). */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return looksLikeZip(bytes) || OLE_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Reads every worksheet of an .xlsx (or .ods) file, in the workbook's order (chart sheets left out). */
export async function readWorkbook(bytes: Uint8Array, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<WorkbookSheet[]> {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) throw new WorkbookError('legacyOrProtected', 'an .xls file or a password-protected workbook');
  if (!looksLikeZip(bytes)) throw new WorkbookError('notWorkbook', 'not a ZIP archive');
  try {
    const members = zipMembers(bytes);
    // Every part is bounded, and so are all of them together: a hundred sheets of the most a part may hold is no plan.
    let budget = limits.partBytes * 4;
    const part = async (path: string) => {
      const member: ZipMember | undefined = members.get(path);
      if (!member) return undefined;
      const inflated = await readZipMember(bytes, member, Math.min(limits.partBytes, budget));
      budget -= inflated.length;
      return new TextDecoder('utf-8').decode(inflated);
    };
    const workbookPath = relationships(await part('_rels/.rels'), '').find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
    const workbookXml = await part(workbookPath);
    if (workbookXml === undefined) {
      const content = await part('content.xml');
      const mimetype = (await part('mimetype'))?.trim();
      if (content === undefined || (mimetype !== undefined && !mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet'))) throw new WorkbookError('notWorkbook', 'no workbook part');
      const sheets = odsSheets(content, limits);
      if (sheets.length === 0) throw new WorkbookError('notWorkbook', 'no sheet in content.xml');
      return sheets;
    }
    const book = workbookOf(workbookXml);
    const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
    const related = relationships(await part(`${folder}_rels/${workbookPath.slice(folder.length)}.rels`), folder);
    const byType = (type: string) => related.find((r) => r.type === type)?.target;
    const strings = sharedStrings(await part(byType('sharedStrings') ?? `${folder}sharedStrings.xml`));
    const dateStyles = dateStylesOf(await part(byType('styles') ?? `${folder}styles.xml`));
    const sheets: WorkbookSheet[] = [];
    for (const sheet of book.sheets) {
      const target = related.find((r) => r.id === sheet.relationId && r.type === 'worksheet')?.target;
      const xml = target ? await part(target) : undefined;
      if (xml === undefined) continue;
      sheets.push({ name: sheet.name, hidden: sheet.hidden, rows: sheetRows(xml, { strings, dateStyles, date1904: book.date1904, limits }) });
    }
    if (sheets.length === 0) throw new WorkbookError('notWorkbook', 'no worksheet');
    return sheets;
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    // It began as a ZIP archive does, so one that cannot be read (cut short, say) is damaged.
    if (err instanceof ZipError) throw new WorkbookError(err.problem === 'tooLarge' ? 'tooLarge' : 'corrupt', err.message);
    if (err instanceof SyntaxError) throw new WorkbookError('corrupt', err.message);
    throw err;
  }
}

interface Relationship {
  id: string;
  /** The last segment of the relationship's type ("worksheet", "sharedStrings", …). */
  type: string;
  /** The target's path inside the archive. */
  target: string;
}

/** A relationships part's entries, targets resolved against `folder` (an absolute target starts at the root). */
function relationships(xml: string | undefined, folder: string): Relationship[] {
  const found: Relationship[] = [];
  if (xml === undefined) return found;
  scanXml(xml, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
      // Transitional and Strict OOXML spell the types under different roots; the last segment is the same.
      found.push({ id: a.Id ?? '', type: a.Type?.split('/').pop() ?? '', target: resolvePath(folder, a.Target) });
    },
    close() {},
    text() {},
  });
  return found;
}

function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const path: string[] = [];
  for (const p of parts) {
    if (p === '..') path.pop();
    else if (p !== '.' && p !== '') path.push(p);
  }
  return path.join('/');
}

function workbookOf(xml: string): { sheets: Array<{ name: string; hidden: boolean; relationId: string }>; date1904: boolean } {
  const sheets: Array<{ name: string; hidden: boolean; relationId: string }> = [];
  let date1904 = false;
  scanXml(xml, {
    open(name, a) {
      if (name === 'sheet') sheets.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', relationId: a.id ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
    close() {},
    text() {},
  });
  return { sheets, date1904 };
}

/** The shared string table: each item's text, runs joined, phonetic guides left out. */
function sharedStrings(xml: string | undefined): string[] {
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

/**
 * Whether a custom number format shows a date: a day or year outside quotes, escapes and [brackets], or a month
 * (an «m» with no hour or second beside it, which would make it minutes).
 */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '');
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

/** Which cell styles (indexes into cellXfs) show a date. */
function dateStylesOf(xml: string | undefined): Set<number> {
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
        if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) styles.add(index);
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

interface SheetContext {
  strings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  limits: WorkbookLimits;
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
function sheetRows(xml: string, context: SheetContext): string[][] {
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
        if (text !== '' && row >= 0 && row < limits.rows && column < limits.columns) {
          while (rows.length <= row) rows.push([]);
          const cells = rows[row];
          while (cells.length < column) cells.push('');
          cells[column] = text;
        }
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
