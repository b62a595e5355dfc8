/**
 * A file chosen for the activity import, read in the browser: a spreadsheet (.xlsx, .xls or .ods) as its sheets' rows, any
 * other file as text. Nothing leaves the page.
 */
import { readActivityTable, type ImportVocabulary } from '../../shared/activityImport.js';
import { looksLikeWorkbook, readWorkbook, type WorkbookSheet } from '../../shared/xlsxWorkbook.js';

/** What a chosen file holds: text (CSV, TSV) or a workbook's sheets. */
export type ImportFile = { kind: 'text'; text: string } | { kind: 'workbook'; sheets: WorkbookSheet[] };

/** Text: UTF-8 when it is, else Windows-1252 (what Excel on Windows saves a CSV as). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Reads a chosen file; a workbook that cannot be read throws a WorkbookError saying why. */
export async function readImportFile(file: File): Promise<ImportFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // By content, not by name: a workbook renamed .csv is still read, and a CSV named .xlsx still read as text.
  return looksLikeWorkbook(bytes) ? { kind: 'workbook', sheets: await readWorkbook(bytes) } : { kind: 'text', text: decodeText(bytes) };
}

/** The sheet to start from: the first visible one with an activity column, else the first visible one. */
export function likelySheet(sheets: readonly WorkbookSheet[], vocabulary: ImportVocabulary): number {
  const visible = sheets.map((s, i) => [s, i] as const).filter(([s]) => !s.hidden);
  const withActivities = visible.find(([s]) => readActivityTable(s.rows.slice(0, 12), vocabulary).columns.some((c) => c.field === 'title'));
  return (withActivities ?? visible[0])?.[1] ?? 0;
}
