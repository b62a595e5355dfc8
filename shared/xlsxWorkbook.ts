/**
 * The sheets of an Excel workbook (.xlsx, Office Open XML) as rows of text, for the activity import: what Excel
 * shows in each cell, not how it stores it. Shared strings, rich text and inline strings read as their text; a number
 * formatted as a date reads as 2027-03-31; other numbers as Excel writes them (15 significant digits); a formula as
 * its last computed value (never evaluated here). Each sheet's rows keep their row numbers (row 7 is rows[6]), so
 * problems can point at the row Excel shows. An OpenDocument spreadsheet (.ods) is the same kind of ZIP archive: its
 * sheets are read by odsSpreadsheet.ts. An Excel 97–2003 workbook (.xls) is a compound file instead, read by
 * xlsLegacyWorkbook.ts; password-protected workbooks and Excel 95 or older ones are refused with a reason.
 */
import { isCompoundFile } from './compoundFile.js';
import { odsSheets } from './odsSpreadsheet.js';
import { readXlsWorkbook } from './xlsLegacyWorkbook.js';
import { CellBudget } from './workbookCells.js';
import { dateStylesOf, sharedStrings, sheetRows } from './xlsxCells.js';
import { scanXml } from './xmlScan.js';
import { looksLikeZip, readZipMember, ZipError, zipMembers, type ZipMember } from './zipArchive.js';

/** One sheet: its name, whether Excel hides it, and its rows of cells (trailing empty cells and rows left out). */
export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  rows: string[][];
}

/** Why a file is not read as a workbook: not one; password-protected; Excel 95 or older; damaged; too large. */
export type WorkbookProblem = 'notWorkbook' | 'protected' | 'oldFormat' | 'corrupt' | 'tooLarge';

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
  /** Rows and cells all sheets may lay out together (workbookCells.ts); WORKBOOK_CELLS when left out. */
  cells?: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = { partBytes: 64 * 1024 * 1024, rows: 25_000, columns: 100 };

/**
 * Whether bytes look like a workbook to try: a ZIP archive, or a compound (OLE) file — an .xls workbook, or a
 * password-protected Office file, refused with a reason.
 */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  return looksLikeZip(bytes) || isCompoundFile(bytes);
}

/** Reads every worksheet of an .xlsx, .xls (or .ods) file, in the workbook's order (chart sheets left out). */
export async function readWorkbook(bytes: Uint8Array, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<WorkbookSheet[]> {
  if (isCompoundFile(bytes)) return readXlsWorkbook(bytes, limits);
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
    const cells = new CellBudget(limits.cells);
    for (const sheet of book.sheets) {
      const target = related.find((r) => r.id === sheet.relationId && r.type === 'worksheet')?.target;
      const xml = target ? await part(target) : undefined;
      if (xml === undefined) continue;
      sheets.push({ name: sheet.name, hidden: sheet.hidden, rows: sheetRows(xml, { strings, dateStyles, date1904: book.date1904, limits, cells }) });
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
